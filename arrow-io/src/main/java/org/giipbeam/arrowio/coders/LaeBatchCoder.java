package org.giipbeam.arrowio.coders;

import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.arrow.ArrowTable;
import org.giipbeam.arrowio.arrow.LaeBatchArrow;

/** Beam coder for {@link LaeBatch}, built on its Arrow IPC encoding ({@link LaeBatchArrow}). */
public final class LaeBatchCoder extends ArrowCoder<LaeBatch> {
  private static final long serialVersionUID = 1L;
  private static final LaeBatchCoder INSTANCE = new LaeBatchCoder();

  private LaeBatchCoder() {}

  public static LaeBatchCoder of() {
    return INSTANCE;
  }

  @Override
  protected ArrowTable<LaeBatch> table() {
    return LaeBatchArrow.INSTANCE;
  }
}
