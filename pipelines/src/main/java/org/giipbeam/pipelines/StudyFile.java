package org.giipbeam.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.giipbeam.arrowio.io.SampleReaders;

/**
 * A study file: YAML (or JSON, which YAML includes) holding the samples and any
 * {@link StudyOptions} by name.
 *
 * <pre>
 * samples:
 *   - {file: quench100K.dump, label: "1.7e13 K/s", group: fast}
 *   - {file: quench10M.dump,  label: "1.7e11 K/s", group: slow}
 * rskin: 3.0
 * rcut: 4.0
 * species: sign:1,2
 * centreTypes: [1]
 * sigma: 1.0
 * eps: 1.5
 * </pre>
 *
 * Sample paths are relative to the study file's folder. The file becomes command-line options
 * ({@code --name=value}) placed before those the user typed, so the command line wins.
 */
public final class StudyFile {
  private StudyFile() {}

  /** The options the study file stands for, except those named in {@code explicit}. */
  public static List<String> toArgs(Path file, Set<String> explicit) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("study file not found: " + file);
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("study file " + file + " is not valid YAML/JSON: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("study file " + file + " must be a mapping of options");
    }
    Path dir = file.toAbsolutePath().getParent();
    List<String> args = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("samples")) {
        samples(file, dir, v, explicit, args);
        continue;
      }
      if (explicit.contains(key)) {
        continue;
      }
      args.add("--" + key + "=" + scalarOrList(file, key, v));
    }
    return args;
  }

  private static void samples(Path file, Path dir, JsonNode v, Set<String> explicit,
      List<String> args) {
    if (!v.isArray() || v.isEmpty()) {
      throw new IllegalArgumentException("study file " + file
          + ": 'samples' must be a non-empty list of {file, label, group}");
    }
    if (explicit.contains("samples")) {
      return;
    }
    List<String> files = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    int i = 0;
    for (JsonNode s : v) {
      i++;
      JsonNode f = s.isTextual() ? s : s.get("file");
      if (f == null || !f.isTextual()) {
        throw new IllegalArgumentException("study file " + file + ": sample " + i
            + " has no 'file'");
      }
      Set<String> known = new TreeSet<>(List.of("file", "label", "group"));
      if (s.isObject()) {
        s.fieldNames().forEachRemaining(n -> {
          if (!known.contains(n)) {
            throw new IllegalArgumentException("study file " + file + ": sample entry has an"
                + " unknown key '" + n + "' (known: " + known + ")");
          }
        });
      }
      Path p = dir.resolve(f.asText()).normalize();
      files.add(p.toString());
      labels.add(s.has("label") ? s.get("label").asText() : SampleReaders.labelOf(p.getFileName().toString()));
      groups.add(s.has("group") ? s.get("group").asText() : "");
    }
    args.add("--samples=" + String.join(",", files));
    if (!explicit.contains("labels")) {
      args.add("--labels=" + String.join(",", labels));
    }
    if (!explicit.contains("groups") && groups.stream().anyMatch(g -> !g.isEmpty())) {
      args.add("--groups=" + String.join(",", groups));
    }
  }

  private static String scalarOrList(Path file, String key, JsonNode v) {
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode x : v) {
        parts.add(x.asText());
      }
      return String.join(",", parts);
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    throw new IllegalArgumentException("study file " + file + ": option '" + key
        + "' must be a value or a list");
  }

  /** Names of the options given as {@code --name=value} or {@code --name value}. */
  public static Set<String> explicitNames(String[] args) {
    Set<String> names = new TreeSet<>();
    for (String a : args) {
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        names.add(eq < 0 ? a.substring(2) : a.substring(2, eq));
      }
    }
    return names;
  }
}
