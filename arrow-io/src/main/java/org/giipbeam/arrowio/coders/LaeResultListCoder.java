package org.giipbeam.arrowio.coders;

import java.util.List;
import org.giipbeam.arrowio.LaeResult;
import org.giipbeam.arrowio.arrow.ArrowTable;
import org.giipbeam.arrowio.arrow.LaeResultArrow;

/** Beam coder for a batch of {@link LaeResult} rows, as one Arrow record batch. */
public final class LaeResultListCoder extends ArrowCoder<List<LaeResult>> {
  private static final long serialVersionUID = 1L;
  private static final LaeResultListCoder INSTANCE = new LaeResultListCoder();

  private LaeResultListCoder() {}

  public static LaeResultListCoder of() {
    return INSTANCE;
  }

  @Override
  protected ArrowTable<List<LaeResult>> table() {
    return LaeResultArrow.INSTANCE;
  }
}
