package org.neuroencode.core.ids;

import java.util.regex.Pattern;

/**
 * Identifiers and record keys. Keys are UTF-8 strings of identifiers joined by '/', so that every
 * client can build and parse them; identifiers therefore never contain '/'.
 */
public final class Ids {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+=-]{0,199}");
  public static final String SEPARATOR = "/";

  private Ids() {}

  public static boolean isValid(String id) {
    return id != null && IDENTIFIER.matcher(id).matches();
  }

  public static String require(String what, String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(what + " '" + id + "' is not a valid identifier (letters, digits and ._+=- , at most 200, no '/')");
    }
    return id;
  }

  public static String join(String... parts) {
    return String.join(SEPARATOR, parts);
  }

  public static String[] split(String key) {
    return key.split(SEPARATOR, -1);
  }

  /** Key of stimuli, responses and features: they are co-partitioned on it. */
  public static String stimulusKey(String experimentId, String stimulusId) {
    return join(experimentId, stimulusId);
  }
}
