package org.giipbeam.transforms;

import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;

/**
 * The runners every transform test runs on, as Beam's ValidatesRunner tests do: the
 * DirectRunner (which also checks immutability and encodability of every element) and Flink's
 * in-process runner ({@code flinkMaster=[local]}, parallelism 2, so that elements really cross
 * workers through their coders). Use with
 * {@code @ParameterizedTest @MethodSource("org.giipbeam.transforms.Runners#all")}.
 */
public final class Runners {
  private Runners() {}

  public static final String DIRECT = "direct";
  public static final String FLINK = "flink";

  /** The names, for {@code @MethodSource}. */
  public static Stream<String> all() {
    return Stream.of(DIRECT, FLINK);
  }

  /** A test pipeline on the named runner. */
  public static TestPipeline pipeline(String runner) {
    PipelineOptions options = switch (runner) {
      case DIRECT -> {
        PipelineOptions o = PipelineOptionsFactory.create();
        o.setRunner(DirectRunner.class);
        yield o;
      }
      case FLINK -> {
        FlinkPipelineOptions o = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
        o.setRunner(FlinkRunner.class);
        o.setFlinkMaster("[local]");
        o.setParallelism(2);
        yield o;
      }
      default -> throw new IllegalArgumentException("unknown runner " + runner);
    };
    return TestPipeline.fromOptions(options).enableAbandonedNodeEnforcement(false);
  }
}
