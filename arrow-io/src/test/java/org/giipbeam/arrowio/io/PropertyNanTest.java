package org.giipbeam.arrowio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.giipbeam.arrowio.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A per-atom property may be NaN ("no value": how the annotated snapshots mark atoms that were
 * not analysed), so that the project reads its own outputs back; positions may not, and neither
 * property may be infinite.
 */
class PropertyNanTest {
  @TempDir Path tmp;

  static String dump(String phi) {
    return "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n"
        + "0 10\n0 10\n0 10\nITEM: ATOMS id type x y z v_phi_1\n"
        + "1 1 1 1 1 0.25\n2 1 5 5 5 " + phi + "\n";
  }

  @Test
  void nanPropertiesReadAsNan() throws Exception {
    Path d = tmp.resolve("a.dump");
    Files.writeString(d, dump("nan"));
    Frame f = new LammpsDumpReader().read(d);
    assertEquals(0.25, f.property("v_phi_1")[0]);
    assertTrue(Double.isNaN(f.property("v_phi_1")[1]));
    Path x = tmp.resolve("a.xyz");
    Files.writeString(x, "2\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3:"
        + "phi_1:R:1 pbc=\"T T T\"\nNi 1 1 1 0.5\nNi 5 5 5 NaN\n");
    Frame g = new ExtendedXyzReader().read(x);
    assertTrue(Double.isNaN(g.property("phi_1")[1]));
  }

  @Test
  void infinitePropertiesAreRefused() throws Exception {
    Path d = tmp.resolve("b.dump");
    Files.writeString(d, dump("inf"));
    SampleFormatException e = assertThrows(SampleFormatException.class,
        () -> new LammpsDumpReader().read(d));
    assertEquals("b.dump:11: column v_phi_1 is not finite (value 'inf')", e.getMessage());
  }
}
