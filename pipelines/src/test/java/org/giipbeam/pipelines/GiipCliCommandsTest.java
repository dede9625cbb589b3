package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giipbeam.arrowio.testing.SharedData;
import org.giipbeam.pipelines.CliUserErrorsTest.Run;
import org.junit.jupiter.api.Test;

/** --version and help on every command; options given twice; the demo's options. */
class GiipCliCommandsTest {
  private static final List<String> COMMANDS =
      List.of("study", "analyze", "extend", "compare", "demo", "stats", "help");

  /** The version in the parent POM, read independently of the build's filtering. */
  private static String pomVersion() throws Exception {
    String pom = Files.readString(SharedData.repo().resolve("pom.xml"));
    Matcher m = Pattern.compile("<artifactId>giip-beam-parent</artifactId>\\s*"
        + "<version>([^<]+)</version>").matcher(pom);
    assertTrue(m.find(), "no version in pom.xml");
    return m.group(1);
  }

  @Test
  void versionOnEveryCommand() throws Exception {
    String expected = "giip (GIIP-Beam) " + pomVersion();
    assertEquals(expected, Run.of("--version").out().strip());
    for (String command : COMMANDS) {
      Run r = Run.of(command, "--version");
      assertEquals(0, r.code(), command);
      assertEquals(expected, r.out().strip(), command);
    }
  }

  @Test
  void helpCmdIsCmdHelp() {
    for (String command : COMMANDS) {
      Run help = Run.of("help", command);
      Run dashed = Run.of(command, "--help");
      assertEquals(0, help.code(), command);
      assertEquals(dashed.out(), help.out(), command);
      assertTrue(help.out().startsWith("Usage: giip " + command), help.out());
    }
    assertTrue(Run.of("help").out().contains("giip help CMD"));
  }

  @Test
  void anOptionGivenTwiceTakesItsLaterValue() {
    StudyOptions o = StudyCommands.options(new String[] {"--output=a", "--eps=1",
        "--output=b", "--samples=x.dump,y.dump", "--samples=z.dump"});
    assertEquals("b", o.getOutput());
    assertEquals("1", o.getEps());
    assertEquals(List.of("z.dump"), o.getSamples());
  }

  @Test
  void demoFindsItsExampleInTheInstallationAndTakesTheUsersOptions() {
    String old = System.getProperty(StudyCommands.HOME_PROPERTY);
    try {
      Path home = SharedData.repo().toAbsolutePath();
      System.setProperty(StudyCommands.HOME_PROPERTY, home.toString());
      StudyOptions o = StudyCommands.options(
          StudyCommands.demoArgs(new String[] {"--output=mine", "--classes=7", "--cut=2"}));
      assertEquals("mine", o.getOutput());
      assertEquals(2.0, o.getCut());
      assertEquals(7, o.getClasses());
      assertEquals(List.of(home.resolve("examples/lj2d/lj2d.dump").toString()), o.getSamples());
      assertEquals(1.3, o.getRskin());
      StudyOptions defaults = StudyCommands.options(StudyCommands.demoArgs(new String[0]));
      assertEquals("giip-out/demo", defaults.getOutput());
      assertTrue(Files.isRegularFile(Path.of(defaults.getSamples().get(0))));
    } finally {
      if (old == null) {
        System.clearProperty(StudyCommands.HOME_PROPERTY);
      } else {
        System.setProperty(StudyCommands.HOME_PROPERTY, old);
      }
    }
  }

  @Test
  void laterWinsKeepsOtherArgumentsAndOrder() {
    assertArrayEquals(new String[] {"--b=2", "--a=3", "x"},
        StudyCommands.laterWins(new String[] {"--a=1", "x", "--b=2", "--a=3"}));
  }
}
