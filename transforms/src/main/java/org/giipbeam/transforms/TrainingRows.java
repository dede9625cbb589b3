package org.giipbeam.transforms;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.giipbeam.arrowio.DistanceBlock;

/**
 * Gathers all training × training distance blocks into one element (on one worker), where
 * {@link TrainingMatrix#assemble} builds the matrix. The training set is small (thousands of
 * LAEs): its matrix is what clustering and the eigenproblem need whole.
 */
final class TrainingRows
    extends PTransform<PCollection<DistanceBlock>, PCollection<Iterable<DistanceBlock>>> {

  @Override
  public PCollection<Iterable<DistanceBlock>> expand(PCollection<DistanceBlock> blocks) {
    return blocks
        .apply("KeyAll", WithKeys.<Void, DistanceBlock>of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), blocks.getCoder()))
        .apply("OnOneWorker", GroupByKey.create())
        .apply("Blocks", Values.create());
  }

}
