package org.giipbeam.gpu.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * The parameters of one kernel launch, in order, each with the PTX type it is passed as
 * ({@code u64} pointer, {@code u32} int, {@code f32}, {@code f64}) — so that a test can check
 * every launch against the shipped PTX's entry points without a GPU ({@link KernelLaunches}).
 */
final class KernelArgs {
  private final List<Pointer> values = new ArrayList<>();
  private final List<String> types = new ArrayList<>();

  private KernelArgs add(Pointer p, String type) {
    values.add(p);
    types.add(type);
    return this;
  }

  KernelArgs ptr(CUdeviceptr p) {
    return add(Pointer.to(p), "u64");
  }

  KernelArgs i32(int v) {
    return add(Pointer.to(new int[] {v}), "u32");
  }

  KernelArgs f32(float v) {
    return add(Pointer.to(new float[] {v}), "f32");
  }

  KernelArgs f64(double v) {
    return add(Pointer.to(new double[] {v}), "f64");
  }

  /** The kernelParams argument of {@code cuLaunchKernel}. */
  Pointer pointer() {
    return Pointer.to(values.toArray(new Pointer[0]));
  }

  /** The PTX types, in order. */
  List<String> types() {
    return List.copyOf(types);
  }
}
