package org.giipbeam.arrowio.coders;

import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.arrow.ArrowTable;
import org.giipbeam.arrowio.arrow.DistanceBlockArrow;

/** Beam coder for {@link DistanceBlock}, built on its Arrow IPC encoding ({@link DistanceBlockArrow}). */
public final class DistanceBlockCoder extends ArrowCoder<DistanceBlock> {
  private static final long serialVersionUID = 1L;
  private static final DistanceBlockCoder INSTANCE = new DistanceBlockCoder();

  private DistanceBlockCoder() {}

  public static DistanceBlockCoder of() {
    return INSTANCE;
  }

  @Override
  protected ArrowTable<DistanceBlock> table() {
    return DistanceBlockArrow.INSTANCE;
  }
}
