package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.arrowio.lae.SpeciesEncoding;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SearchMode;
import org.junit.jupiter.api.Test;

/** The one mapping from options to LAE and GIIP parameters, against parameters built by hand. */
class ParameterOptionsTest {
  private static StudyOptions options(String... args) {
    return StudyCommands.options(args);
  }

  @Test
  void thePapersNiNbOptionsGiveThePapersParameters() {
    StudyOptions o = options("--rskin=3", "--rcut=4", "--species=sign:1,2", "--centreTypes=1",
        "--sigma=1", "--search=exhaustive");
    assertEquals(LaeParameters.of(3, 4).withSignSpecies(1, 2).withCentreTypes(1),
        ParameterOptions.lae(o));
    assertEquals(GiipParameters.exhaustive(1.0), ParameterOptions.giip(o));
    assertEquals(3, ParameterOptions.dimension(o));
  }

  @Test
  void defaultsAreAgnosticFastOfEveryAtom() {
    StudyOptions o = options();
    LaeParameters lae = ParameterOptions.lae(o);
    assertEquals(SpeciesEncoding.AGNOSTIC, lae.encoding());
    assertArrayEquals(new int[0], lae.centreTypes());
    assertEquals(LaeParameters.of(3, 4), lae);
    assertEquals(SearchMode.FAST, ParameterOptions.giip(o).mode());
  }

  @Test
  void vectorAndAgnosticSpeciesWithTypes() {
    assertEquals(LaeParameters.of(1.3, 1.75).withVectorSpecies(1, 2, 3),
        ParameterOptions.lae(options("--rskin=1.3", "--rcut=1.75", "--species=vector:1,2,3")));
    assertEquals(LaeParameters.of(3, 4).withAgnosticSpecies(2, 1),
        ParameterOptions.lae(options("--species=Agnostic: 2, 1")));
  }

  @Test
  void theParameterObjectsMessageWithTheOptionName() {
    IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
        () -> GiipParameters.fast(-2));
    IllegalArgumentException cli = assertThrows(IllegalArgumentException.class,
        () -> ParameterOptions.giip(options("--sigma=-2")));
    assertEquals("--sigma: " + direct.getMessage(), cli.getMessage());

    IllegalArgumentException lae = assertThrows(IllegalArgumentException.class,
        () -> LaeParameters.of(4, 4));
    assertEquals("--rskin/--rcut: " + lae.getMessage(), assertThrows(
        IllegalArgumentException.class,
        () -> ParameterOptions.lae(options("--rskin=4", "--rcut=4"))).getMessage());
  }

  @Test
  void studySpecUsesTheMapping() {
    String sample = org.giipbeam.arrowio.testing.SharedData.repo()
        .resolve("examples/lj2d/lj2d.dump").toString();
    StudyOptions o = options("--samples=" + sample, "--dimension=2", "--rskin=1.3",
        "--rcut=1.75", "--species=vector:1", "--centreTypes=1", "--sigma=0.5");
    StudySpec spec = StudySpec.from(o);
    assertEquals(ParameterOptions.lae(o), spec.lae());
    assertEquals(ParameterOptions.giip(o), spec.giip());
    assertEquals(2, spec.dimension());
  }
}
