package dev.airflowmcp.runtime.airflow;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading small facts out of Airflow's JSON answers. */
final class JsonBodies {
  private static final int MAX_DETAIL_CHARS = 500;

  private JsonBodies() {}

  /** The body as a JSON object, or {@code null} when it is not one (or not JSON at all). */
  static JsonNode object(AirflowResponse response) {
    try {
      JsonNode node = JsonMapper.shared().readTree(response.body());
      return node != null && node.isObject() ? node : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /**
   * Airflow's own explanation of an error answer: {@code detail} (Airflow 3, and RFC 7807 in
   * Airflow 2), the {@code msg}s of a 422 validation {@code detail} list, else the RFC 7807 {@code
   * title}. Whitespace is collapsed and the text capped at 500 characters; {@code null} when there
   * is none.
   */
  static String detail(AirflowResponse response) {
    JsonNode body = object(response);
    if (body == null) {
      return null;
    }
    String text = null;
    JsonNode detail = body.get("detail");
    if (detail != null && detail.isString()) {
      text = detail.asString();
    } else if (detail != null && detail.isArray()) {
      text = validationMessages(detail);
    }
    JsonNode title = body.get("title");
    if ((text == null || text.isBlank()) && title != null && title.isString()) {
      text = title.asString();
    }
    if (text == null) {
      return null;
    }
    text = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    if (text.isEmpty()) {
      return null;
    }
    return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "…";
  }

  private static String validationMessages(JsonNode items) {
    List<String> parts = new ArrayList<>();
    for (JsonNode item : items) {
      JsonNode msg = item.get("msg");
      if (msg == null || !msg.isString()) {
        continue;
      }
      List<String> location = new ArrayList<>();
      JsonNode loc = item.get("loc");
      if (loc != null && loc.isArray()) {
        for (JsonNode part : loc) {
          if (part.isString() || part.isNumber()) {
            location.add(part.asString());
          }
        }
      }
      parts.add(
          location.isEmpty() ? msg.asString() : String.join(".", location) + ": " + msg.asString());
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }
}
