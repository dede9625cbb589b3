package org.giipbeam.transforms;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.coders.LaeBatchCoder;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.arrowio.lae.LaeSampler;

/**
 * Cuts the local atomic environments out of each {@link Frame}: {@code Frame}s in,
 * {@link LaeBatch}es of at most {@link #withBatchSize batch size} LAEs out, in the frame's atom
 * order.
 *
 * <pre>{@code
 * PCollection<LaeBatch> laes = frames.apply(
 *     SampleLAEs.of(LaeParameters.of(3.0, 4.0).withSignSpecies(1, 2).withCentreTypes(1))
 *         .withBatchSize(1024));
 * }</pre>
 *
 * <p>Neighbour search, weights and descriptors are {@link LaeSampler}'s (O(N) cell lists,
 * periodic and triclinic boxes).
 */
public final class SampleLAEs extends PTransform<PCollection<Frame>, PCollection<LaeBatch>> {
  private static final long serialVersionUID = 1L;
  /** Default LAEs per batch. */
  public static final int DEFAULT_BATCH_SIZE = 1024;

  private final LaeParameters parameters;
  private final int batchSize;

  private SampleLAEs(LaeParameters parameters, int batchSize) {
    this.parameters = parameters;
    this.batchSize = batchSize;
  }

  /** LAEs made with these parameters. */
  public static SampleLAEs of(LaeParameters parameters) {
    return new SampleLAEs(parameters, DEFAULT_BATCH_SIZE);
  }

  /** At most this many LAEs per output batch. */
  public SampleLAEs withBatchSize(int size) {
    return new SampleLAEs(parameters, size);
  }

  public LaeParameters parameters() {
    return parameters;
  }

  public int batchSize() {
    return batchSize;
  }

  /** The coder this transform's input is read with (frames are plain serializable values). */
  public static SerializableCoder<Frame> frameCoder() {
    return SerializableCoder.of(Frame.class);
  }

  @Override
  public PCollection<LaeBatch> expand(PCollection<Frame> frames) {
    Objects.requireNonNull(parameters, "SampleLAEs needs LaeParameters");
    if (batchSize < 1) {
      throw new IllegalArgumentException("SampleLAEs batch size must be ≥ 1, got " + batchSize);
    }
    return frames.apply("Sample LAEs", ParDo.of(new SampleFn(parameters, batchSize)))
        .setCoder(LaeBatchCoder.of());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("rSkin", parameters.rSkin()).withLabel("r_skin"))
        .add(DisplayData.item("rCut", parameters.rCut()).withLabel("r_cut"))
        .add(DisplayData.item("encoding", parameters.encoding().name())
            .withLabel("Species encoding"))
        .add(DisplayData.item("speciesTypes", Arrays.toString(parameters.speciesTypes()))
            .withLabel("Species types"))
        .add(DisplayData.item("centreTypes", Arrays.toString(parameters.centreTypes()))
            .withLabel("Centre types (empty: all)"))
        .add(DisplayData.item("batchSize", batchSize).withLabel("LAEs per batch"));
  }

  private static final class SampleFn extends DoFn<Frame, LaeBatch> {
    private static final long serialVersionUID = 1L;
    private final LaeParameters parameters;
    private final int batchSize;
    private final Counter laes = Metrics.counter(SampleLAEs.class, "laes");
    private final Counter frames = Metrics.counter(SampleLAEs.class, "frames");

    SampleFn(LaeParameters parameters, int batchSize) {
      this.parameters = parameters;
      this.batchSize = batchSize;
    }

    @ProcessElement
    public void process(@Element Frame frame, OutputReceiver<LaeBatch> out) {
      LaeBatch all = LaeSampler.sample(frame, parameters);
      frames.inc();
      laes.inc(all.size());
      for (int start = 0; start < all.size(); start += batchSize) {
        int end = Math.min(all.size(), start + batchSize);
        out.output(start == 0 && end == all.size() ? all
            : all.select(IntStream.range(start, end).toArray()));
      }
    }
  }
}
