package org.giipbeam.gpu.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * The parameter lists of the kernels in {@code giip_kernels.cu} (and the FAST headers it
 * includes), in the kernels' order and types. {@link CudaGiipEngine} launches with them;
 * {@code KernelLaunchesTest} checks each against the shipped PTX without a GPU.
 */
final class KernelLaunches {
  private KernelLaunches() {}

  /** One side of a call's LAEs on the device ({@link PackedLaes}' arrays). */
  record Side(CUdeviceptr pos, CUdeviceptr w, CUdeviceptr start, CUdeviceptr count) {}

  /**
   * What every pair kernel takes: the searched pairs ({@link org.giipbeam.gpu.plan.PairPlan#pairs}), both sides, the
   * weight channels, the largest atom counts, and the outputs (cross terms, rotations or a null
   * pointer).
   */
  record Call(CUdeviceptr pairs, Side a, Side b, int channels, int maxA, int maxB,
      CUdeviceptr cross, CUdeviceptr rotations) {}

  /** pairs, pairOffset, pairCount, A's and B's arrays. */
  private static KernelArgs pairsAndSides(Call c, int offset, int count) {
    return new KernelArgs().ptr(c.pairs()).i32(offset).i32(count)
        .ptr(c.a().pos()).ptr(c.a().w()).ptr(c.a().start()).ptr(c.a().count())
        .ptr(c.b().pos()).ptr(c.b().w()).ptr(c.b().start()).ptr(c.b().count());
  }

  static KernelArgs search3d(Call c, int offset, int count, double s, CUdeviceptr coarse,
      int nCoarse, CUdeviceptr local, int nLocal, int properOnly) {
    return pairsAndSides(c, offset, count).i32(c.channels()).i32(c.maxA()).i32(c.maxB())
        .f32((float) s).f64(s).ptr(coarse).i32(nCoarse).ptr(local).i32(nLocal).i32(properOnly)
        .ptr(c.cross()).ptr(c.rotations());
  }

  static KernelArgs search2d(Call c, int offset, int count, double s, CUdeviceptr angles,
      CUdeviceptr anglesD, int nAngles, int properOnly) {
    return pairsAndSides(c, offset, count).i32(c.channels()).i32(c.maxA()).i32(c.maxB())
        .f32((float) s).f64(s).ptr(angles).ptr(anglesD).i32(nAngles).i32(properOnly)
        .ptr(c.cross()).ptr(c.rotations());
  }

  static KernelArgs fast3dExpand(Call c, int offset, int count, double s, FastPlan3D fp,
      CUdeviceptr blockOffset, CUdeviceptr flat) {
    return pairsAndSides(c, offset, count).i32(c.channels()).i32(c.maxA()).i32(c.maxB()).f64(s)
        .i32(fp.degree).ptr(blockOffset).i32(fp.flatStride).ptr(flat);
  }

  static KernelArgs fast3dGrid(CUdeviceptr flat, int count, CUdeviceptr delta, FastPlan3D fp,
      CUdeviceptr values) {
    return new KernelArgs().ptr(flat).i32(count).ptr(delta).i32(fp.gridSize).i32(fp.evenStride)
        .i32(fp.flatStride).ptr(values);
  }

  static KernelArgs fast3dStarts(CUdeviceptr values, int count, FastPlan3D fp,
      CUdeviceptr neighbourStart, CUdeviceptr neighbours, CUdeviceptr starts,
      CUdeviceptr startCount) {
    return new KernelArgs().ptr(values).i32(count).i32(fp.gridSize).i32(fp.hands)
        .ptr(neighbourStart).ptr(neighbours).f32(fp.margin).i32(fp.maxStarts).ptr(starts)
        .ptr(startCount);
  }

  static KernelArgs fast3dPolish(Call c, int offset, int count, double s, FastPlan3D fp,
      CUdeviceptr rotations, CUdeviceptr starts, CUdeviceptr startCount) {
    return pairsAndSides(c, offset, count).i32(c.channels()).i32(c.maxA()).i32(c.maxB()).f64(s)
        .ptr(rotations).i32(fp.gridSize).ptr(starts).ptr(startCount).i32(fp.maxStarts)
        .ptr(c.cross()).ptr(c.rotations());
  }

  static KernelArgs fast2d(Call c, int offset, int count, double s, FastPlan2D fp,
      CUdeviceptr cosTable, CUdeviceptr sinTable) {
    return pairsAndSides(c, offset, count).i32(c.channels()).f64(s).i32(fp.order).ptr(cosTable)
        .ptr(sinTable).i32(fp.properOnly).i32(fp.maxStarts).f64(fp.margin).ptr(c.cross())
        .ptr(c.rotations());
  }
}
