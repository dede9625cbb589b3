package org.giipbeam.transforms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.coders.LaeBatchCoder;

/**
 * Splits LAEs into a training set (distances train × train, clustering, diffusion map) and an
 * extension set (distances to the training set only, then Nyström extension and class
 * assignment).
 *
 * <pre>{@code
 * PCollectionTuple split = laes.apply(SplitTrainExtension.perSample(1700).withSeed(42));
 * PCollection<LaeBatch> training = split.get(SplitTrainExtension.TRAINING);   // one batch
 * PCollection<LaeBatch> extension = split.get(SplitTrainExtension.EXTENSION);
 * }</pre>
 *
 * <p>Strategies (DESIGN §1): {@link #perSample n drawn per sample} (the paper's 3D split),
 * {@link #fraction a fraction}, and the {@link #lowestHighest k lowest and m highest} by a
 * per-atom property of the centre (the paper's 2D split by potential energy), per sample.
 *
 * <p>Determinism: whether an LAE is drawn depends only on the seed, its sample and its centre id
 * (a 64-bit hash), or on its property value (ties broken by centre id) — never on the runner,
 * bundling or input order. The training output is a single batch in canonical order (sample,
 * then centre id), so training indices are stable.
 */
public final class SplitTrainExtension extends PTransform<PCollection<LaeBatch>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** The training set: exactly one batch, in canonical order. */
  public static final TupleTag<LaeBatch> TRAINING = new TupleTag<>("training") {};
  /** Every other LAE, in batches. */
  public static final TupleTag<LaeBatch> EXTENSION = new TupleTag<>("extension") {};

  /** How the training set is drawn. */
  public enum Strategy {
    PER_SAMPLE,
    FRACTION,
    LOWEST_HIGHEST
  }

  private final Strategy strategy;
  private final int count;
  private final double fraction;
  private final String property;
  private final int lowest;
  private final int highest;
  private final long seed;

  private SplitTrainExtension(Strategy strategy, int count, double fraction, String property,
      int lowest, int highest, long seed) {
    this.strategy = strategy;
    this.count = count;
    this.fraction = fraction;
    this.property = property;
    this.lowest = lowest;
    this.highest = highest;
    this.seed = seed;
  }

  /** {@code n} LAEs drawn at random from each sample. */
  public static SplitTrainExtension perSample(int n) {
    return new SplitTrainExtension(Strategy.PER_SAMPLE, n, 0, null, 0, 0, 0);
  }

  /** Each LAE is drawn with probability {@code f}. */
  public static SplitTrainExtension fraction(double f) {
    return new SplitTrainExtension(Strategy.FRACTION, 0, f, null, 0, 0, 0);
  }

  /** The {@code k} lowest and {@code m} highest LAEs of each sample by a centre property. */
  public static SplitTrainExtension lowestHighest(String property, int k, int m) {
    return new SplitTrainExtension(Strategy.LOWEST_HIGHEST, 0, 0, property, k, m, 0);
  }

  public SplitTrainExtension withSeed(long s) {
    return new SplitTrainExtension(strategy, count, fraction, property, lowest, highest, s);
  }

  public Strategy strategy() {
    return strategy;
  }

  public long seed() {
    return seed;
  }

  @Override
  public PCollectionTuple expand(PCollection<LaeBatch> laes) {
    java.util.Objects.requireNonNull(strategy);
    switch (strategy) {
      case PER_SAMPLE -> require(count >= 1, "perSample needs n ≥ 1, got " + count);
      case FRACTION -> require(fraction > 0 && fraction <= 1,
          "fraction must be in (0, 1], got " + fraction);
      case LOWEST_HIGHEST -> {
        require(property != null && !property.isBlank(), "lowestHighest needs a property name");
        require(lowest >= 0 && highest >= 0 && lowest + highest >= 1,
            "lowestHighest needs k, m ≥ 0 and k + m ≥ 1, got " + lowest + ", " + highest);
      }
      default -> throw new IllegalStateException();
    }
    Selector selector = new Selector(strategy, count, fraction, property, lowest, highest, seed);

    PCollection<KV<String, KV<Long, Double>>> candidates = laes
        .apply("Score LAEs", ParDo.of(new ScoreFn(selector)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(),
            DoubleCoder.of())));
    PCollectionView<List<KV<String, Long>>> chosen = candidates
        .apply("Group by sample", GroupByKey.create())
        .apply("Choose training LAEs", ParDo.of(new ChooseFn(selector)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("As side input", View.asList());

    PCollectionTuple parts = laes.apply("Split batches",
        ParDo.of(new SplitFn(chosen)).withSideInputs(chosen)
            .withOutputTags(EXTENSION, TupleTagList.of(TRAINING)));
    parts.get(EXTENSION).setCoder(LaeBatchCoder.of());
    parts.get(TRAINING).setCoder(LaeBatchCoder.of());

    PCollection<LaeBatch> training = parts.get(TRAINING)
        .apply("Gather training", Gather.all())
        .apply("Canonical order", ParDo.of(new CanonicalFn()))
        .setCoder(LaeBatchCoder.of());
    return PCollectionTuple.of(TRAINING, training).and(EXTENSION, parts.get(EXTENSION));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("SplitTrainExtension: " + message);
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("strategy", strategy.name()).withLabel("Training split"))
        .add(DisplayData.item("seed", seed).withLabel("Seed"));
    switch (strategy) {
      case PER_SAMPLE -> builder.add(DisplayData.item("perSample", count)
          .withLabel("Training LAEs per sample"));
      case FRACTION -> builder.add(DisplayData.item("fraction", fraction)
          .withLabel("Training fraction"));
      case LOWEST_HIGHEST -> builder.add(DisplayData.item("property", property))
          .add(DisplayData.item("lowest", lowest)).add(DisplayData.item("highest", highest));
      default -> { }
    }
  }

  /** The selection rule, in plain Java: scores and choices per sample. */
  static final class Selector implements Serializable {
    private static final long serialVersionUID = 1L;
    final Strategy strategy;
    final int count;
    final double fraction;
    final String property;
    final int lowest;
    final int highest;
    final long seed;

    Selector(Strategy strategy, int count, double fraction, String property, int lowest,
        int highest, long seed) {
      this.strategy = strategy;
      this.count = count;
      this.fraction = fraction;
      this.property = property;
      this.lowest = lowest;
      this.highest = highest;
      this.seed = seed;
    }

    /** Score of LAE i of the batch: a uniform hash in [0, 1), or the property value. */
    double score(LaeBatch b, int i) {
      if (strategy == Strategy.LOWEST_HIGHEST) {
        double[] values = b.properties().get(property);
        if (values == null) {
          throw new IllegalArgumentException("SplitTrainExtension: the LAEs carry no property '"
              + property + "'; they carry " + b.properties().keySet());
        }
        double v = values[i];
        if (Double.isNaN(v)) {
          throw new IllegalArgumentException("SplitTrainExtension: property " + property
              + " of LAE " + b.key(i) + " is NaN");
        }
        return v;
      }
      return uniform(seed, b.samples()[i], b.centreIds()[i]);
    }

    /** The centre ids chosen among one sample's (centre id, score) pairs. */
    List<Long> choose(String sample, Iterable<KV<Long, Double>> candidates) {
      List<KV<Long, Double>> all = new ArrayList<>();
      candidates.forEach(all::add);
      Comparator<KV<Long, Double>> byScore = Comparator.comparingDouble(KV<Long, Double>::getValue)
          .thenComparingLong(KV::getKey);
      all.sort(byScore);
      List<Long> out = new ArrayList<>();
      switch (strategy) {
        case PER_SAMPLE -> {
          if (all.size() < count) {
            throw new IllegalArgumentException("SplitTrainExtension: sample " + sample
                + " has " + all.size() + " LAEs, fewer than the " + count
                + " training LAEs asked for");
          }
          all.subList(0, count).forEach(kv -> out.add(kv.getKey()));
        }
        case FRACTION -> all.stream().filter(kv -> kv.getValue() < fraction)
            .forEach(kv -> out.add(kv.getKey()));
        case LOWEST_HIGHEST -> {
          if (all.size() < lowest + highest) {
            throw new IllegalArgumentException("SplitTrainExtension: sample " + sample
                + " has " + all.size() + " LAEs, fewer than the " + (lowest + highest)
                + " training LAEs asked for");
          }
          all.subList(0, lowest).forEach(kv -> out.add(kv.getKey()));
          all.subList(all.size() - highest, all.size()).forEach(kv -> out.add(kv.getKey()));
        }
        default -> throw new IllegalStateException();
      }
      return out;
    }
  }

  /** A uniform number in [0, 1) from (seed, sample, centre id): SplitMix64 finalisers. */
  public static double uniform(long seed, String sample, long centreId) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (int i = 0; i < sample.length(); i++) {
      h = mix(h ^ sample.charAt(i));
    }
    h = mix(h ^ centreId);
    return (h >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static final class ScoreFn extends DoFn<LaeBatch, KV<String, KV<Long, Double>>> {
    private static final long serialVersionUID = 1L;
    private final Selector selector;

    ScoreFn(Selector selector) {
      this.selector = selector;
    }

    @ProcessElement
    public void process(@Element LaeBatch b, OutputReceiver<KV<String, KV<Long, Double>>> out) {
      for (int i = 0; i < b.size(); i++) {
        out.output(KV.of(b.samples()[i], KV.of(b.centreIds()[i], selector.score(b, i))));
      }
    }
  }

  private static final class ChooseFn
      extends DoFn<KV<String, Iterable<KV<Long, Double>>>, KV<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final Selector selector;

    ChooseFn(Selector selector) {
      this.selector = selector;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<Long, Double>>> sample,
        OutputReceiver<KV<String, Long>> out) {
      for (long id : selector.choose(sample.getKey(), sample.getValue())) {
        out.output(KV.of(sample.getKey(), id));
      }
    }
  }

  private static final class SplitFn extends DoFn<LaeBatch, LaeBatch> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<List<KV<String, Long>>> chosen;

    SplitFn(PCollectionView<List<KV<String, Long>>> chosen) {
      this.chosen = chosen;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Set<KV<String, Long>> training = new HashSet<>(c.sideInput(chosen));
      LaeBatch b = c.element();
      List<Integer> train = new ArrayList<>();
      List<Integer> ext = new ArrayList<>();
      for (int i = 0; i < b.size(); i++) {
        (training.contains(KV.of(b.samples()[i], b.centreIds()[i])) ? train : ext).add(i);
      }
      if (!train.isEmpty()) {
        c.output(TRAINING, train.size() == b.size() ? b : b.select(toArray(train)));
      }
      if (!ext.isEmpty()) {
        c.output(ext.size() == b.size() ? b : b.select(toArray(ext)));
      }
    }
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static final class CanonicalFn extends DoFn<List<LaeBatch>, LaeBatch> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element List<LaeBatch> parts, OutputReceiver<LaeBatch> out) {
      out.output(canonical(LaeBatch.concat(parts)));
    }
  }

  /** The batch sorted by (sample, centre id): the training set's canonical order. */
  public static LaeBatch canonical(LaeBatch b) {
    Integer[] order = new Integer[b.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.<Integer, String>comparing(i -> b.samples()[i])
        .thenComparingLong(i -> b.centreIds()[i]));
    Set<KV<String, Long>> seen = new HashSet<>();
    for (int i = 0; i < b.size(); i++) {
      if (!seen.add(KV.of(b.samples()[i], b.centreIds()[i]))) {
        throw new IllegalArgumentException("LAE " + b.key(i)
            + " occurs twice: sample labels must be unique per sample");
      }
    }
    return b.select(java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray());
  }
}
