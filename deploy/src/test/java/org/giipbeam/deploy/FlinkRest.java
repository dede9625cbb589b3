package org.giipbeam.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The few calls of Flink's REST API (the web UI's backend) that the integration tests need. */
final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  FlinkRest(String restAddress) {
    this.base = "http://" + restAddress;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + res.statusCode() + ": " + res.body());
    }
    return JSON.readTree(res.body());
  }

  /** Cancels a job (what a lost client or a stopped cluster leaves: an unfinished job). */
  void cancel(String jid) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/jobs/" + jid + "?mode=cancel"))
        .timeout(Duration.ofSeconds(10)).method("PATCH", HttpRequest.BodyPublishers.noBody())
        .build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 202 && res.statusCode() != 200) {
      throw new IOException("PATCH /jobs/" + jid + ": HTTP " + res.statusCode() + ": "
          + res.body());
    }
  }

  /** Text of a page (e.g. the web UI's index.html). */
  String text(String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + res.statusCode());
    }
    return res.body();
  }

  /** /jobs/overview entries (jid, name, state, start-time, duration, ...). */
  List<JsonNode> jobs() throws IOException, InterruptedException {
    List<JsonNode> jobs = new ArrayList<>();
    get("/jobs/overview").path("jobs").forEach(jobs::add);
    return jobs;
  }

  JsonNode job(String jid) throws IOException, InterruptedException {
    return get("/jobs/" + jid);
  }

  /** TaskManager ids that run a subtask of this vertex in the given state (e.g. RUNNING). */
  List<String> taskManagersOf(String jid, String vertexId, String state)
      throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode tm : get("/jobs/" + jid + "/vertices/" + vertexId + "/taskmanagers")
        .path("taskmanagers")) {
      if (state.equals(tm.path("status").asText())) {
        ids.add(tm.path("taskmanager-id").asText());
      }
    }
    return ids;
  }

  /** Failures the job recovered from or died of: the exception history, newest first. */
  List<JsonNode> exceptionHistory(String jid) throws IOException, InterruptedException {
    List<JsonNode> entries = new ArrayList<>();
    get("/jobs/" + jid + "/exceptions").path("exceptionHistory").path("entries")
        .forEach(entries::add);
    return entries;
  }
}
