package org.giipbeam.pipelines;

import java.io.Serializable;
import org.giipbeam.transforms.cluster.ClusterModel;
import org.giipbeam.transforms.diffusion.DiffusionModel;
import org.giipbeam.transforms.diffusion.KernelSumSweep;

/**
 * What a study learns from its training distances: the complete-linkage classes, the diffusion
 * map (with coordinate redundancy), the kernel-sum sweep that ε was chosen from, and why that ε.
 */
public record StudyModels(ClusterModel cluster, DiffusionModel diffusion, KernelSumSweep sweep,
    int trainingSize, String epsilonReason) implements Serializable {}
