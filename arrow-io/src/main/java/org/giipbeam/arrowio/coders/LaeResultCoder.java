package org.giipbeam.arrowio.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.giipbeam.arrowio.LaeResult;

/** Beam coder for one {@link LaeResult}: a one-row Arrow IPC stream of its table encoding. */
public final class LaeResultCoder extends CanonicalCoder<LaeResult> {
  private static final long serialVersionUID = 1L;
  private static final LaeResultCoder INSTANCE = new LaeResultCoder();
  private static final LaeResultListCoder ROWS = LaeResultListCoder.of();

  private LaeResultCoder() {}

  public static LaeResultCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LaeResult value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null LaeResult");
    }
    ROWS.encode(List.of(value), out);
  }

  @Override
  public LaeResult decode(InputStream in) throws IOException {
    List<LaeResult> rows = ROWS.decode(in);
    if (rows.size() != 1) {
      throw new CoderException("expected one LaeResult, got " + rows.size());
    }
    return rows.get(0);
  }
}
