package org.giipbeam.pipelines;

import java.io.Serializable;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;

/**
 * What a study learns from its training distances: the complete-linkage classes, the diffusion
 * map (with coordinate redundancy) and the kernel-sum sweep that ε was chosen from.
 */
public record StudyModels(ClusterModel cluster, DiffusionModel diffusion, KernelSumSweep sweep,
    int trainingSize) implements Serializable {}
