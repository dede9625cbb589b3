package org.giipbeam.pipelines;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.giipbeam.arrowio.io.SampleFormat;

/**
 * Options of a structure study. They are Beam {@link PipelineOptions}, so the same command line
 * takes runner options too ({@code --runner=FlinkRunner --flinkMaster=...}). A study file
 * ({@code --study=study.yaml}, YAML or JSON) may hold any of them by the same names, plus the
 * list of samples; options given on the command line win over the file.
 */
public interface StudyOptions extends PipelineOptions {
  @Description("Study file (YAML or JSON): samples and any of these options by name")
  String getStudy();

  void setStudy(String value);

  @Description("Sample files, comma-separated: " + SampleFormat.HELP)
  List<String> getSamples();

  void setSamples(List<String> value);

  @Description("Sample labels, one per sample (default: file names)")
  List<String> getLabels();

  void setLabels(List<String> value);

  @Description("Sample groups for 'compare' (e.g. quench rate), one per sample")
  List<String> getGroups();

  void setGroups(List<String> value);

  @Description("Element names of the atom types, e.g. Ni,Nb (type 1 = Ni, type 2 = Nb): samples whose"
      + " atoms are named (extended XYZ species, dump 'element' columns, POSCAR) are numbered by it."
      + " Default: the names of every sample together, in alphabetical order")
  String getTypes();

  void setTypes(String value);

  @Description("Which frame of each sample file (0 = the first); default: the last")
  @Default.Integer(-1)
  int getFrame();

  void setFrame(int value);

  @Description("Every N-th frame of each sample file as a sample of its own (frames 0, N, 2N,"
      + " ..., labelled LABEL-frameK); default 0: one frame per file (--frame)")
  @Default.Integer(0)
  int getEvery();

  void setEvery(int value);

    @Description("2 for 2D samples (z dropped), 3 otherwise")
  @Default.Integer(3)
  int getDimension();

  void setDimension(int value);

  @Description("LAE radius of full weight r_skin")
  @Default.Double(3.0)
  double getRskin();

  void setRskin(double value);

  @Description("LAE cutoff radius r_cut")
  @Default.Double(4.0)
  double getRcut();

  void setRcut(double value);

  @Description("Species encoding: agnostic, sign:PLUS,MINUS (e.g. sign:1,2) or vector:T1,T2,...")
  @Default.String("agnostic")
  String getSpecies();

  void setSpecies(String value);

  @Description("Types of the LAE centres, comma-separated (default: all)")
  List<Integer> getCentreTypes();

  void setCentreTypes(List<Integer> value);

  @Description("Gaussian width σ of the GIIP")
  @Default.Double(1.0)
  double getSigma();

  void setSigma(double value);

  @Description("Orientation search: fast or exhaustive (the paper's grid search)")
  @Default.String("fast")
  String getSearch();

  void setSearch(String value);

  @Description("Training LAEs drawn per sample (the paper: 1700 per quench rate)")
  @Default.Integer(400)
  int getTrainingPerSample();

  void setTrainingPerSample(int value);

  @Description("Instead: the k lowest and m highest LAEs by a centre property, as PROPERTY:K:M"
      + " (the paper's 2D split: c_pe:100:4900)")
  String getTrainingExtremes();

  void setTrainingExtremes(String value);

  @Description("Fraction of the non-training LAEs to extend to (drawn by hash of seed, sample and"
      + " centre id); 1 extends to all. Lower it to try parameters on large samples quickly.")
  @Default.Double(1.0)
  double getExtensionFraction();

  void setExtensionFraction(double value);

  @Description("Planes of the report's class scatter figures and plane directions, as I,J;I,J"
      + " (e.g. 1,2;2,3); default the leading non-harmonic pairs")
  String getPlanes();

  void setPlanes(String value);

  @Description("Seed of the training draw")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Diffusion-map kernel width ε, or 'auto': the larger of the kernel-sum rule's ε and"
      + " the smallest ε that connects every training LAE to the others (see the report)")
  @Default.String("auto")
  String getEps();

  void setEps(String value);

  @Description("Number of classes of the complete-linkage cut (ignored when --cut is set)")
  @Default.Integer(20)
  int getClasses();

  void setClasses(int value);

  @Description("Cut the dendrogram at this distance t instead of into --classes classes")
  Double getCut();

  void setCut(Double value);

  @Description("Number of diffusion coordinates φ_1..φ_k")
  @Default.Integer(10)
  int getCoordinates();

  void setCoordinates(int value);

  @Description("Output folder. A study into a folder that holds the same study resumes it (finished"
      + " distances are kept); one that holds another study is refused unless --overwrite")
  @Default.String("giip-out/study")
  String getOutput();

  void setOutput(String value);

  @Description("Replace whatever the --output folder holds (its files are deleted first)")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);

  @Description("LAEs per batch")
  @Default.Integer(1024)
  int getBatchSize();

  void setBatchSize(int value);

  @Description("Training rows per distance tile")
  @Default.Integer(256)
  int getTileSize();

  void setTileSize(int value);
}
