package org.giipbeam.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.giipbeam.arrowio.io.AtomicFiles;
import org.giipbeam.transforms.DistanceStore;
import org.giipbeam.transforms.StudyModels;

/**
 * The output folder of a study, and the one place that knows its file names:
 *
 * <pre>
 *   study.json        settings, samples, and the identity of the distances (written first)
 *   distances/        the distance step's pieces ({@link DistanceStore}), each with a checksum
 *   results.arrow, results.csv, eigen.csv, eps-sweep.csv, models.bin, annotated/, figures,
 *   report.html, report.md
 *   manifest.json     every file above with its size and SHA-256 (written last)
 *   .giip.lock        held while a run writes here
 * </pre>
 *
 * <p>Rules: one run at a time (an OS file lock, released even by {@code kill -9}); temporary
 * files that a killed run left are removed when the next run takes the lock; a study into a
 * folder that holds another study (other samples, parameters or split) is refused unless told
 * to replace it, and then the old files are removed first; a folder whose study is the same is
 * resumed: finished distance pieces are kept. {@link #verifyDistances} checks the manifest
 * before {@code analyze} reuses the distances, and names the first file that does not match.
 */
final class StudyFolder implements AutoCloseable {
  static final String STUDY_JSON = "study.json";
  static final String MANIFEST = "manifest.json";
  static final String LOCK = ".giip.lock";
  static final String DISTANCES = "distances";
  static final String RESULTS_ARROW = WriteResults.ARROW;
  static final String RESULTS_CSV = WriteResults.CSV;
  static final String EIGEN_CSV = "eigen.csv";
  static final String EPS_SWEEP_CSV = "eps-sweep.csv";
  static final String MODELS = "models.bin";
  static final String ANNOTATED = "annotated";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StudyFolder(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  Path dir() {
    return dir;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  DistanceStore distances() {
    return DistanceStore.in(dir.resolve(DISTANCES));
  }

  /**
   * Checks, without changing anything, that a new study may write into {@code dir}: it is not
   * a file, and it is empty, absent, or holds a study with the same identity (then it is
   * resumed) — or {@code overwrite} is set.
   */
  static void checkForStudy(Path dir, Map<String, String> identity, boolean overwrite)
      throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--output=" + dir + " is a file, not a folder");
    }
    if (overwrite || isEmpty(dir)) {
      return;
    }
    Map<String, String> saved = savedIdentity(dir);
    if (saved == null) {
      throw new IllegalArgumentException("--output=" + dir + " is not empty and holds no"
          + " study: choose another folder, or add --overwrite to delete what is there");
    }
    if (!saved.equals(new TreeMap<>(identity))) {
      throw new IllegalArgumentException("--output=" + dir + " holds another study ("
          + firstDifference(saved, identity) + "): choose another folder, or add --overwrite"
          + " to replace it");
    }
  }

  /**
   * Takes the folder for a study (after {@link #checkForStudy}): creates it, takes the lock,
   * removes temporaries of killed runs, and with {@code overwrite} removes another study's
   * files. Returns whether finished distances of the same study were found (a resumed run).
   */
  static StudyFolder openForStudy(Path dir, Map<String, String> identity, boolean overwrite)
      throws IOException {
    Files.createDirectories(dir);
    StudyFolder f = lock(dir);
    try {
      AtomicFiles.deleteTemporaries(dir);
      Map<String, String> saved = savedIdentity(dir);
      boolean same = saved != null && saved.equals(new TreeMap<>(identity));
      if (!same && !isEmptyButLock(dir)) {
        if (!overwrite) {
          throw new IllegalArgumentException("--output=" + dir + " changed while starting");
        }
        f.deleteContents();
      } else if (same) {
        // The same study: keep its distances, drop its old manifest (it is rewritten last).
        Files.deleteIfExists(dir.resolve(MANIFEST));
      }
      return f;
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /** Takes the folder of a finished study for {@code analyze}. */
  static StudyFolder openForAnalysis(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve(STUDY_JSON))) {
      throw new IllegalArgumentException("--from=" + dir + " has no " + STUDY_JSON
          + ": not the output folder of a 'giip study' run");
    }
    StudyFolder f = lock(dir);
    try {
      AtomicFiles.deleteTemporaries(dir);
      return f;
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  private static StudyFolder lock(Path dir) throws IOException {
    FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      throw new IllegalArgumentException(dir + " is in use by another giip run (it holds the"
          + " lock " + dir.resolve(LOCK) + "); wait for it to finish or use another --output");
    }
    return new StudyFolder(dir, ch, l);
  }

  /** The identity of the study saved in {@code dir}'s study.json, or null if there is none. */
  @SuppressWarnings("unchecked")
  static Map<String, String> savedIdentity(Path dir) throws IOException {
    Path f = dir.resolve(STUDY_JSON);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    Map<String, Object> m;
    try {
      m = JSON.readValue(f.toFile(), Map.class);
    } catch (IOException e) {
      return null;
    }
    Object id = m.get("identity");
    return id instanceof Map ? new TreeMap<>((Map<String, String>) id) : null;
  }

  private static String firstDifference(Map<String, String> saved, Map<String, String> asked) {
    TreeMap<String, String> all = new TreeMap<>();
    saved.forEach(all::put);
    asked.forEach(all::put);
    for (String k : all.keySet()) {
      String a = saved.get(k);
      String b = asked.get(k);
      if (a == null ? b != null : !a.equals(b)) {
        return k + ": " + (a == null ? "none" : a) + " there, " + (b == null ? "none" : b)
            + " asked";
      }
    }
    return "no difference";
  }

  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static boolean isEmptyButLock(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.allMatch(p -> p.getFileName().toString().equals(LOCK));
    }
  }

  private void deleteContents() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir) && !p.getFileName().toString().equals(LOCK)) {
          Files.delete(p);
        }
      }
    }
  }

  /** Every file of the folder (relative, sorted), except the lock and the manifest. */
  List<String> files() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!rel.equals(LOCK) && !rel.equals(MANIFEST)
            && !AtomicFiles.isTemporary(p.getFileName().toString())) {
          out.add(rel);
        }
      }
    }
    return out;
  }

  /** Writes manifest.json: every file with its size and SHA-256. Call it last. */
  void writeManifest() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "giip-beam study folder 1");
    Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
    for (String rel : files()) {
      Path p = dir.resolve(rel);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("size", Files.size(p));
      e.put("sha256", AtomicFiles.sha256(p));
      entries.put(rel, e);
    }
    m.put("files", entries);
    byte[] bytes = JSON.writeValueAsBytes(m);
    AtomicFiles.writeStream(dir.resolve(MANIFEST), os -> os.write(bytes));
  }

  /** The "files" entry of a manifest (null when it has none); a damaged one is a user error. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> manifestFiles(Path manifest) {
    try {
      return (Map<String, Map<String, Object>>) JSON.readValue(manifest.toFile(), Map.class)
          .get("files");
    } catch (IOException | ClassCastException e) {
      throw new IllegalArgumentException(manifest + " is damaged: " + e.getMessage());
    }
  }

  /**
   * Checks the distances against the manifest before they are reused: every file under
   * distances/ is listed, has its size and checksum, and every listed one is there. The first
   * mismatch is an error naming the file.
   */
  @SuppressWarnings("unchecked")
  void verifyDistances() throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException(dir + " has no " + MANIFEST + ": its study did not"
          + " finish; run the same 'giip study' command again to complete it (finished distances"
          + " are kept)");
    }
    Map<String, Map<String, Object>> listed = manifestFiles(manifest);
    if (listed == null) {
      throw new IllegalArgumentException(manifest + " lists no files");
    }
    String prefix = DISTANCES + "/";
    for (String rel : files()) {
      if (rel.startsWith(prefix) && !listed.containsKey(rel)) {
        throw new IllegalArgumentException(dir.resolve(rel) + " is not in " + MANIFEST
            + ": it was not made by this study; remove it or run the study again");
      }
    }
    for (Map.Entry<String, Map<String, Object>> e : listed.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      Path p = dir.resolve(e.getKey());
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException(p + " is missing (listed in " + MANIFEST + ")");
      }
      long size = ((Number) e.getValue().get("size")).longValue();
      if (Files.size(p) != size) {
        throw new IllegalArgumentException(p + " has " + Files.size(p) + " bytes, not the "
            + size + " of " + MANIFEST + ": it is damaged or from another run");
      }
      if (!AtomicFiles.sha256(p).equals(e.getValue().get("sha256"))) {
        throw new IllegalArgumentException(p + " does not match its checksum in " + MANIFEST
            + ": it is damaged or from another run");
      }
    }
  }

  /**
   * Checks that {@code dir} holds a finished study whose models can be reused: its manifest
   * (written last) is there and lists models.bin and the training LAEs with their size and
   * checksum, and both files match it. Returns each file (relative) with its SHA-256.
   */
  @SuppressWarnings("unchecked")
  static Map<String, String> finishedModels(Path dir) throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException("--from=" + dir + " has no " + MANIFEST + ": its study"
          + " did not finish; run the same 'giip study' command again to complete it");
    }
    Map<String, Map<String, Object>> listed = manifestFiles(manifest);
    Map<String, String> out = new TreeMap<>();
    for (String rel : List.of(MODELS, DISTANCES + "/" + DistanceStore.TRAINING_LAES)) {
      Map<String, Object> e = listed == null ? null : listed.get(rel);
      Path p = dir.resolve(rel);
      if (e == null || !Files.isRegularFile(p)) {
        throw new IllegalArgumentException("--from=" + dir + " has no " + rel + " listed in its "
            + MANIFEST + ": not a finished study");
      }
      String sha = AtomicFiles.sha256(p);
      if (Files.size(p) != ((Number) e.get("size")).longValue() || !sha.equals(e.get("sha256"))) {
        throw new IllegalArgumentException(p + " does not match its checksum in " + MANIFEST
            + ": it is damaged or from another run");
      }
      out.put(rel, sha);
    }
    return out;
  }

  /**
   * Writes the study.json of an extension ({@link StudyExtension}): the study it extends, its
   * identity, the new samples and the LAE/GIIP parameters.
   */
  void writeExtensionJson(StudySpec spec, Path study, Map<String, String> identity,
      Map<String, String> settings) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(StudyExtension.EXTENDS, study.toAbsolutePath().normalize().toString());
    List<Map<String, String>> samples = new ArrayList<>();
    for (StudySpec.Sample s : spec.samples()) {
      Map<String, String> e = new LinkedHashMap<>();
      e.put("file", Path.of(s.file()).toAbsolutePath().normalize().toString());
      e.put("label", s.label());
      e.put("group", s.group());
      samples.add(e);
    }
    m.put("samples", samples);
    m.put("identity", new TreeMap<>(identity));
    m.put("distanceOptions", spec.distanceOptions());
    m.put("distanceParameters", new TreeMap<>(spec.distanceParameters()));
    m.put("settings", settings);
    byte[] bytes = JSON.writeValueAsBytes(m);
    AtomicFiles.writeStream(dir.resolve(STUDY_JSON), os -> os.write(bytes));
  }

  /** Writes study.json: identity, settings, samples and the options of the distances. */
  void writeStudyJson(StudySpec spec) throws IOException {
    writeStudyJson(spec, Map.of());
  }

  /**
   * The element name of each atom type in the frames (as read and numbered for the study),
   * for study.json's {@code typeNames}: what {@code giip extend} numbers new samples by.
   */
  static Map<String, String> typeNames(List<org.giipbeam.arrowio.Frame> frames) {
    Map<String, String> m = new TreeMap<>();
    for (org.giipbeam.arrowio.Frame f : frames) {
      f.typeNames().forEach((t, n) -> m.put(Integer.toString(t), n));
    }
    return m;
  }

  /** study.json with the study's element names by type ({@link #typeNames}). */
  void writeStudyJson(StudySpec spec, Map<String, String> typeNames) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, String>> samples = new ArrayList<>();
    for (StudySpec.Sample s : spec.samples()) {
      Map<String, String> e = new LinkedHashMap<>();
      e.put("file", Path.of(s.file()).toAbsolutePath().normalize().toString());
      e.put("label", s.label());
      e.put("frame", s.frame() < 0 ? "last" : Integer.toString(s.frame()));
      e.put("group", s.group());
      samples.add(e);
    }
    m.put("samples", samples);
    m.put("identity", new TreeMap<>(spec.identity()));
    m.put("distanceOptions", spec.distanceOptions());
    m.put("analysisOptions", spec.analysisOptions());
    m.put("splitOptions", spec.splitOptions());
    m.put("distanceParameters", new TreeMap<>(spec.distanceParameters()));
    m.put("settings", spec.describe());
    if (!typeNames.isEmpty()) {
      m.put("typeNames", new TreeMap<>(typeNames));
    }
    byte[] bytes = JSON.writeValueAsBytes(m);
    AtomicFiles.writeStream(dir.resolve(STUDY_JSON), os -> os.write(bytes));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readStudyJson(Path dir) throws IOException {
    Path f = dir.resolve(STUDY_JSON);
    if (!Files.isRegularFile(f)) {
      throw new IllegalArgumentException("--from=" + dir + " has no " + STUDY_JSON
          + ": not the output folder of a 'giip study' run");
    }
    try {
      return JSON.readValue(f.toFile(), Map.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(f + " is damaged: " + e.getMessage());
    }
  }

  static StudyModels readModels(Path dir) throws IOException {
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        Files.newInputStream(dir.resolve(MODELS)))) {
      return (StudyModels) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      lockChannel.close();
    }
  }
}
