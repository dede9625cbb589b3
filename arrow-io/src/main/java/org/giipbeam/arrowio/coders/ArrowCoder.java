package org.giipbeam.arrowio.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;
import org.giipbeam.arrowio.arrow.ArrowTable;

/**
 * A Beam coder that carries each element as an Arrow IPC stream, length-prefixed so it nests
 * inside other coders. The encoding is deterministic: Arrow IPC of the same vectors and
 * metadata (kept in sorted maps) is the same bytes, so equal elements give equal bytes.
 */
abstract class ArrowCoder<T> extends CanonicalCoder<T> {
  private static final long serialVersionUID = 1L;

  protected abstract ArrowTable<T> table();

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null " + getClass().getSimpleName());
    }
    byte[] bytes = table().encode(value);
    VarInt.encode(bytes.length, out);
    out.write(bytes);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    int length = VarInt.decodeInt(in);
    if (length < 0) {
      throw new CoderException("negative length " + length);
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new CoderException("stream ended after " + bytes.length + " of " + length + " bytes");
    }
    return table().decode(bytes);
  }
}
