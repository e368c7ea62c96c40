package org.neuroencode.app.serve;

/** What the request handlers share; every part is safe to use from several event loops. */
record ServeState(ExperimentRegistry registry, StoredResponses stored, AcceptedCounts counts, LatestScores scores,
    ResponsePublisher publisher) {}
