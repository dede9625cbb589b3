package org.giipbeam.gpu.cuda;

import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * Whether a CUDA device can be used, probed once per JVM and cached. The probe loads JCuda's
 * native driver binding and calls {@code cuInit}; on a machine without an NVIDIA driver that
 * fails with a catchable {@link UnsatisfiedLinkError} (or a {@code CudaException}), never a JVM
 * crash, and the answer is "no" with the reason. {@code -Dgiip.cuda.disable=true} forces "no".
 */
public final class CudaDevices {
  private CudaDevices() {}

  /** The probe's result: usable or not, why, and the first device's name. */
  public record Probe(boolean available, String description) {}

  private static final class Holder {
    static final Probe PROBE = probe();
  }

  /** True if a CUDA device and driver are usable from this JVM. */
  public static boolean available() {
    return Holder.PROBE.available();
  }

  /** The device name and driver version, or why CUDA is unavailable. */
  public static String description() {
    return Holder.PROBE.description();
  }

  private static Probe probe() {
    if (Boolean.getBoolean("giip.cuda.disable")) {
      return new Probe(false, "CUDA disabled by -Dgiip.cuda.disable=true");
    }
    try {
      JCudaDriver.setExceptionsEnabled(true);
      JCudaDriver.cuInit(0);
      int[] n = new int[1];
      JCudaDriver.cuDeviceGetCount(n);
      if (n[0] < 1) {
        return new Probe(false, "no CUDA device: the driver reports 0 devices");
      }
      CUdevice dev = new CUdevice();
      JCudaDriver.cuDeviceGet(dev, 0);
      byte[] name = new byte[256];
      JCudaDriver.cuDeviceGetName(name, name.length, dev);
      int[] version = new int[1];
      JCudaDriver.cuDriverGetVersion(version);
      String s = new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim();
      int z = s.indexOf('\0');
      if (z >= 0) {
        s = s.substring(0, z);
      }
      return new Probe(true, s + " (" + n[0] + " device(s), driver API " + version[0] / 1000
          + "." + (version[0] % 1000) / 10 + ")");
    } catch (Throwable e) { // UnsatisfiedLinkError, CudaException, NoClassDefFoundError
      return new Probe(false, "no CUDA device: " + e.getClass().getSimpleName() + ": "
          + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
