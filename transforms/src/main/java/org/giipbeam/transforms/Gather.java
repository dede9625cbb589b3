package org.giipbeam.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Gathers every element of a collection into one list, on one worker: the step before work that
 * needs the whole of something small (the training distance matrix, the training batch, a file
 * holding every result).
 *
 * <pre>{@code
 * PCollection<List<DistanceBlock>> all = trainingRows.apply(Gather.all());
 * }</pre>
 *
 * The output holds one list (none when the input is empty), in no particular order; its coder
 * is a {@link ListCoder} of the input's coder. Only for what fits in one worker's memory: the
 * training set (thousands of LAEs), never the extension set's distances.
 */
public final class Gather<T> extends PTransform<PCollection<T>, PCollection<List<T>>> {

  private Gather() {}

  /** Every element, as one list. */
  public static <T> Gather<T> all() {
    return new Gather<>();
  }

  @Override
  public PCollection<List<T>> expand(PCollection<T> input) {
    Coder<T> coder = input.getCoder();
    return input
        .apply("KeyAll", WithKeys.<Void, T>of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), coder))
        .apply("OnOneWorker", GroupByKey.create())
        .apply("AsList", ParDo.of(new ToListFn<T>()))
        .setCoder(ListCoder.of(coder));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("gather", "all elements on one worker").withLabel("Gather"));
  }

  private static final class ToListFn<T> extends DoFn<KV<Void, Iterable<T>>, List<T>> {
    @ProcessElement
    public void process(@Element KV<Void, Iterable<T>> all, OutputReceiver<List<T>> out) {
      List<T> list = new ArrayList<>();
      all.getValue().forEach(list::add);
      out.output(list);
    }
  }
}
