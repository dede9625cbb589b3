package org.giipbeam.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Test sink: gathers a PCollection's elements in this JVM (DirectRunner) under a key, for
 * comparisons across pipeline runs that PAssert cannot make.
 */
final class Collector<T> extends PTransform<PCollection<T>, PDone> {
  private static final Map<String, List<Object>> SINK = new ConcurrentHashMap<>();
  private final String key;

  private Collector(String key) {
    this.key = key;
  }

  static String newKey() {
    String k = UUID.randomUUID().toString();
    SINK.put(k, java.util.Collections.synchronizedList(new ArrayList<>()));
    return k;
  }

  static <T> Collector<T> of(String key) {
    return new Collector<>(key);
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> take(String key) {
    return new ArrayList<>((List<T>) (List<?>) SINK.remove(key));
  }

  @Override
  public PDone expand(PCollection<T> input) {
    String k = key;
    input.apply(ParDo.of(new DoFn<T, Void>() {
      @ProcessElement
      public void process(@Element T element) {
        SINK.get(k).add(element);
      }
    }));
    return PDone.in(input.getPipeline());
  }
}
