package org.giipbeam.pipelines;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.io.ElementTypes;
import org.giipbeam.arrowio.io.FrameChecks;
import org.giipbeam.arrowio.io.SampleReader;
import org.giipbeam.arrowio.io.SampleReaders;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.transforms.SplitTrainExtension;

/**
 * A study's settings, resolved and checked from {@link StudyOptions}: everything fails here, with
 * a clear message, before any work starts.
 */
public record StudySpec(
    List<Sample> samples,
    int dimension,
    LaeParameters lae,
    GiipParameters giip,
    int trainingPerSample,
    String extremesProperty,
    int extremesLowest,
    int extremesHighest,
    long seed,
    double extensionFraction,
    double eps,
    Double cut,
    int classes,
    int coordinates,
    Path output,
    int batchSize,
    int tileSize,
    boolean overwrite,
    ElementTypes types,
    int frame,
    Map<String, String> distanceOptions,
    List<List<Integer>> planes)
    implements Serializable {

  /** The options that determine the distances (and so cannot change in 'analyze'). */
  public static final List<String> DISTANCE_OPTIONS =
      List.of("dimension", "rskin", "rcut", "species", "centreTypes", "sigma", "search", "types",
          "frame", "every");

  /** One sample of a study: frame {@code frame} of {@code file} (-1: its last frame). */
  public record Sample(String file, String label, String group, int frame)
      implements Serializable {}

  /** The frames of a sample file, each checked (a damaged frame is an error naming it). */
  private static int frameCount(Path file, int dimension) {
    try {
      return SampleReaders.reader(file).withDimension(dimension).frameCount(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** ε chosen automatically from the kernel-sum sweep. */
  public boolean epsAuto() {
    return Double.isNaN(eps);
  }

  public static StudySpec from(StudyOptions o) {
    List<String> files = o.getSamples();
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("no samples: give --samples=FILE,... or a study file"
          + " (--study=study.yaml)");
    }
    if (o.getFrame() < -1) {
      throw new IllegalArgumentException("--frame must be ≥ 0 (0 = the first frame), got "
          + o.getFrame());
    }
    if (o.getEvery() < 0) {
      throw new IllegalArgumentException("--every must be ≥ 1 (0: one frame per file), got "
          + o.getEvery());
    }
    if (o.getEvery() > 0 && o.getFrame() != -1) {
      throw new IllegalArgumentException("--frame=" + o.getFrame() + " and --every="
          + o.getEvery() + " exclude each other: give one");
    }
    List<Sample> samples = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    Map<String, String> fileNames = new java.util.HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      Path p = Path.of(files.get(i));
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("sample file not found: " + p);
      }
      String label = o.getLabels() != null && i < o.getLabels().size() ? o.getLabels().get(i)
          : SampleReaders.labelOf(p.getFileName().toString());
      String group = o.getGroups() != null && i < o.getGroups().size() ? o.getGroups().get(i)
          : "";
      if (!labels.add(label)) {
        throw new IllegalArgumentException("two samples are labelled '" + label
            + "': give each a distinct --labels entry");
      }
      String fileName = org.giipbeam.transforms.DistanceStore.fileName(label);
      String other = fileNames.put(fileName, label);
      if (other != null) {
        throw new IllegalArgumentException("--labels '" + other + "' and '" + label
            + "' both make the file name '" + fileName + "' of the annotated samples: give"
            + " labels that differ in letters, digits or . _ + -");
      }
      if (o.getEvery() > 0) {
        for (int k = 0; k < frameCount(p, o.getDimension()); k += o.getEvery()) {
          samples.add(new Sample(p.toString(), SampleReader.frameLabel(label, k), group, k));
        }
      } else {
        samples.add(new Sample(p.toString(), label, group, o.getFrame()));
      }
    }
    if (o.getLabels() != null && o.getLabels().size() != files.size()) {
      throw new IllegalArgumentException(o.getLabels().size() + " labels for " + files.size()
          + " samples");
    }
    ParameterOptions.dimension(o);
    LaeParameters lae = ParameterOptions.lae(o);
    GiipParameters giip = ParameterOptions.giip(o);
    String prop = null;
    int lowest = 0;
    int highest = 0;
    if (o.getTrainingExtremes() != null && !o.getTrainingExtremes().isBlank()) {
      String[] p = o.getTrainingExtremes().split(":");
      try {
        if (p.length != 3) {
          throw new NumberFormatException();
        }
        prop = p[0];
        lowest = Integer.parseInt(p[1]);
        highest = Integer.parseInt(p[2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--trainingExtremes must be PROPERTY:K:M, e.g."
            + " c_pe:100:4900, got " + o.getTrainingExtremes());
      }
      if (lowest < 0 || highest < 0 || lowest + highest < 1) {
        throw new IllegalArgumentException("--trainingExtremes needs K, M ≥ 0 and K + M ≥ 1");
      }
    } else if (o.getTrainingPerSample() < 1) {
      throw new IllegalArgumentException("--trainingPerSample must be ≥ 1, got "
          + o.getTrainingPerSample());
    }
    double eps;
    if (o.getEps().equalsIgnoreCase("auto")) {
      eps = Double.NaN;
    } else {
      try {
        eps = Double.parseDouble(o.getEps());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--eps must be a number or 'auto', got " + o.getEps());
      }
      if (!(eps > 0) || !Double.isFinite(eps)) {
        throw new IllegalArgumentException("--eps must be > 0, got " + o.getEps());
      }
    }
    if (!(o.getExtensionFraction() >= 0 && o.getExtensionFraction() <= 1)) {
      throw new IllegalArgumentException("--extensionFraction must be in [0, 1], got "
          + o.getExtensionFraction());
    }
    if (o.getCut() != null && !(o.getCut() > 0)) {
      throw new IllegalArgumentException("--cut must be > 0, got " + o.getCut());
    }
    if (o.getClasses() < 1) {
      throw new IllegalArgumentException("--classes must be ≥ 1, got " + o.getClasses());
    }
    if (o.getCoordinates() < 1) {
      throw new IllegalArgumentException("--coordinates must be ≥ 1, got " + o.getCoordinates());
    }
    if (o.getBatchSize() < 1 || o.getTileSize() < 1) {
      throw new IllegalArgumentException("--batchSize and --tileSize must be ≥ 1");
    }
    Map<String, String> distanceOptions = new LinkedHashMap<>();
    distanceOptions.put("dimension", Integer.toString(o.getDimension()));
    distanceOptions.put("rskin", Double.toString(o.getRskin()));
    distanceOptions.put("rcut", Double.toString(o.getRcut()));
    distanceOptions.put("species", o.getSpecies());
    if (o.getCentreTypes() != null && !o.getCentreTypes().isEmpty()) {
      distanceOptions.put("centreTypes", o.getCentreTypes().stream().map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(",")));
    }
    distanceOptions.put("sigma", Double.toString(o.getSigma()));
    distanceOptions.put("search", o.getSearch());
    ElementTypes types = null;
    if (o.getTypes() != null && !o.getTypes().isBlank()) {
      try {
        types = ElementTypes.parse(o.getTypes());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--types=" + o.getTypes() + ": " + e.getMessage());
      }
      distanceOptions.put("types", String.join(",", types.names()));
    }
    if (o.getFrame() != -1) {
      distanceOptions.put("frame", Integer.toString(o.getFrame()));
    }
    if (o.getEvery() > 0) {
      distanceOptions.put("every", Integer.toString(o.getEvery()));
    }
    return new StudySpec(samples, o.getDimension(), lae, giip, o.getTrainingPerSample(), prop,
        lowest, highest, o.getSeed(), o.getExtensionFraction(), eps, o.getCut(), o.getClasses(), o.getCoordinates(),
        Path.of(o.getOutput()), o.getBatchSize(), o.getTileSize(), o.getOverwrite(), types,
        o.getFrame(), distanceOptions, planes(o.getPlanes(), o.getCoordinates()));
  }

  /** --planes=I,J;I,J as pairs of 1-based coordinates; empty when not given. */
  static List<List<Integer>> planes(String spec, int coordinates) {
    List<List<Integer>> out = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String pair : spec.split(";")) {
      String[] ij = pair.trim().split(",");
      try {
        if (ij.length != 2) {
          throw new NumberFormatException();
        }
        int i = Integer.parseInt(ij[0].trim());
        int j = Integer.parseInt(ij[1].trim());
        if (i < 1 || j < 1 || i > coordinates || j > coordinates || i == j) {
          throw new IllegalArgumentException("--planes=" + spec + ": '" + pair.trim()
              + "' needs two different coordinates in 1.." + coordinates);
        }
        out.add(List.of(i, j));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--planes=" + spec + ": '" + pair.trim()
            + "' is not I,J (planes are written 1,2;2,3)");
      }
    }
    return out;
  }

  /** The training split this study asks for. */
  public SplitTrainExtension split() {
    if (extremesProperty != null) {
      return SplitTrainExtension.lowestHighest(extremesProperty, extremesLowest, extremesHighest)
          .withSeed(seed);
    }
    return SplitTrainExtension.perSample(trainingPerSample).withSeed(seed);
  }

  /**
   * Reads every sample and checks what can only be checked against the data: the centre types
   * exist, each sample has enough LAE centres for its training draw, species types are present.
   */
  public List<Frame> readAndCheckSamples() throws IOException {
    List<Frame> frames = new ArrayList<>();
    int every = Integer.parseInt(distanceOptions.getOrDefault("every", "0"));
    // With --every, each file is read once for all its chosen frames (0, every, 2·every, ...).
    Map<String, List<Frame>> chosen = new java.util.HashMap<>();
    for (Sample s : samples) {
      Frame f;
      if (every > 0) {
        if (!chosen.containsKey(s.file())) {
          chosen.put(s.file(), SampleReaders.read(Path.of(s.file()), dimension, null, -1, every,
              types));
        }
        f = chosen.get(s.file()).get(s.frame() / every).withSample(s.label());
      } else {
        f = SampleReaders.read(Path.of(s.file()), dimension, s.label(), s.frame(), 0, types)
            .get(0);
      }
      Set<Integer> present = new HashSet<>();
      for (int t : f.types()) {
        present.add(t);
      }
      for (int t : lae.centreTypes()) {
        if (!present.contains(t)) {
          throw new IllegalArgumentException("sample " + s.label() + " has no atoms of centre"
              + " type " + t + " (its types: " + new java.util.TreeSet<>(present) + ")");
        }
      }
      long centres = centres(f);
      int wanted = trainingPerSampleCount();
      if (wanted > centres) {
        throw new IllegalArgumentException("sample " + s.label() + " has " + centres
            + " LAE centres, fewer than the " + wanted + " training LAEs asked for");
      }
      if (extremesProperty != null && f.property(extremesProperty) == null) {
        throw new IllegalArgumentException("sample " + s.label() + " has no per-atom column '"
            + extremesProperty + "' for the training split; it has " + f.properties().keySet());
      }
      String cutoff = FrameChecks.cutoffProblem(f, lae.rCut());
      if (cutoff != null) {
        throw new IllegalArgumentException(cutoff);
      }
      frames.add(f);
    }
    return sameTypesInEverySample(frames);
  }

  /**
   * Without --types, samples whose atoms are all named get the study-wide alphabetical
   * numbering of the names, so that an element is the same type in every sample (a file holding
   * only Nb would otherwise call Nb type 1).
   */
  List<Frame> sameTypesInEverySample(List<Frame> frames) throws IOException {
    if (types != null || frames.stream().anyMatch(f -> !allNamed(f))) {
      return frames;
    }
    ElementTypes all = ElementTypes.sortedOf(frames);
    List<Frame> out = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      out.add(all.apply(frames.get(i), samples.get(i).file(), 0));
    }
    return out;
  }

  private static boolean allNamed(Frame f) {
    for (int t : f.distinctTypes()) {
      if (!f.typeNames().containsKey(t)) {
        return false;
      }
    }
    return true;
  }

  /** Checks the analysis options against the number of training LAEs, before any work. */
  public void checkAnalysis(int training) {
    if (coordinates >= training) {
      throw new IllegalArgumentException("--coordinates=" + coordinates + " needs more training"
          + " LAEs than coordinates; this study has " + training);
    }
    if (cut == null && classes > training) {
      throw new IllegalArgumentException("--classes=" + classes + " is more than the " + training
          + " training LAEs");
    }
  }

  /** The training LAEs drawn from each sample. */
  int trainingPerSampleCount() {
    return extremesProperty != null ? extremesLowest + extremesHighest : trainingPerSample;
  }

  /** n_train: the training LAEs drawn from each sample, times the samples. */
  public int trainingSize() {
    return trainingPerSampleCount() * samples.size();
  }

  /** The atoms of a frame that are LAE centres (of the centre types; all when none given). */
  long centres(Frame f) {
    int[] wanted = lae.centreTypes();
    return Arrays.stream(f.types())
        .filter(t -> wanted.length == 0 || Arrays.stream(wanted).anyMatch(c -> c == t)).count();
  }

  /**
   * What makes this study's distances (and so decides whether a folder's distances can be
   * resumed): each sample's label and content (SHA-256), the LAE and GIIP parameters, the
   * training split, the extension fraction and the batch and tile sizes.
   */
  public Map<String, String> identity() {
    Map<String, String> m = new TreeMap<>(distanceParameters());
    Map<String, String> sha256 = new java.util.HashMap<>(); // a file holds several frame samples
    for (Sample s : samples) {
      try {
        if (!sha256.containsKey(s.file())) {
          sha256.put(s.file(), org.giipbeam.arrowio.io.AtomicFiles.sha256(Path.of(s.file())));
        }
        m.put("sample." + s.label(), sha256.get(s.file()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    m.put("types", types == null ? "names in alphabetical order" : String.join(",",
        types.names()));
    m.put("frame", frame == -1 ? "last" : Integer.toString(frame));
    if (distanceOptions.containsKey("every")) {
      m.put("every", distanceOptions.get("every"));
    }
    m.put("split", describe().get("training"));
    m.put("seed", Long.toString(seed));
    m.put("extensionFraction", Double.toString(extensionFraction));
    m.put("batchSize", Integer.toString(batchSize));
    m.put("tileSize", Integer.toString(tileSize));
    return m;
  }

  /** The analysis options as given (so that 'analyze' can reuse them). */
  public Map<String, String> analysisOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("eps", epsAuto() ? "auto" : Double.toString(eps));
    if (cut != null) {
      m.put("cut", Double.toString(cut));
    } else {
      m.put("classes", Integer.toString(classes));
    }
    m.put("coordinates", Integer.toString(coordinates));
    return m;
  }

  /** The parameters that make the distances: a saved study's distances are only reused with
   * the same. */
  public Map<String, String> distanceParameters() {
    Map<String, String> m = new TreeMap<>(lae.toMap());
    m.putAll(giip.toMap());
    m.put("study.dimension", Integer.toString(dimension));
    return m;
  }

  /** Everything, as strings, for the report and the saved study. */
  /**
   * The options of the training split, as option name → value: what 'analyze' takes from the
   * study whose distances it reuses (its training set is fixed), so that it records them.
   */
  public Map<String, String> splitOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    if (extremesProperty != null) {
      m.put("trainingExtremes", extremesProperty + ":" + extremesLowest + ":" + extremesHighest);
    } else {
      m.put("trainingPerSample", Integer.toString(trainingPerSample));
    }
    m.put("seed", Long.toString(seed));
    m.put("extensionFraction", Double.toString(extensionFraction));
    return m;
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Sample s : samples) {
      m.put("sample " + s.label(), s.file() + (s.frame() < 0 ? "" : " frame " + s.frame())
          + (s.group().isEmpty() ? "" : " (group " + s.group() + ")"));
    }
    m.putAll(distanceParameters());
    m.put("training", extremesProperty != null
        ? extremesLowest + " lowest and " + extremesHighest + " highest by " + extremesProperty
        : trainingPerSample + " per sample");
    m.put("seed", Long.toString(seed));
    m.put("extension", extensionFraction >= 1 ? "all other LAEs"
        : "fraction " + extensionFraction + " of the other LAEs");
    m.put("eps", epsAuto() ? "auto" : Double.toString(eps));
    m.put("cut", cut != null ? "distance " + cut : classes + " classes");
    m.put("coordinates", Integer.toString(coordinates));
    return m;
  }
}
