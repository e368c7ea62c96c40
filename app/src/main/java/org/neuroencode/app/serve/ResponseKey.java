package org.neuroencode.app.serve;

import org.neuroencode.core.schema.Response;

/** What makes a response the same response: posting it again must not store it twice. */
record ResponseKey(String experimentId, String subjectId, String stimulusId, String roi, int repetition) {

  static ResponseKey of(Response response) {
    return new ResponseKey(response.getExperimentId(), response.getSubjectId(), response.getStimulusId(),
        response.getRoi(), response.getRepetition());
  }

  @Override
  public String toString() {
    return experimentId + "/" + subjectId + "/" + stimulusId + "/" + roi + " rep " + repetition;
  }
}
