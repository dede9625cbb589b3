package org.giipbeam.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new search mode cannot slip past the engines: this compiles, against the built classes, a
 * fake mode written the only way code outside {@code SearchSpec} could add one, and checks that
 * the compiler refuses it. Adding a mode for real means listing its record in
 * {@code permits} and giving {@link SearchSpec#match} a handler for it, and then every engine,
 * {@code GiipParameters.toMap/fromMap} and {@code GiipBlocks}' display data stop compiling until
 * they handle it: there is no default branch anywhere to run it as another mode.
 */
class SearchSpecSealedTest {

  @TempDir
  Path out;

  private String compile(String className, String source) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assumeTrue(javac != null, "no system Java compiler (a JRE, not a JDK)");
    String classes = new File(SearchSpec.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).getPath();
    JavaFileObject file = new SimpleJavaFileObject(
        URI.create("string:///fake/" + className + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    StringWriter messages = new StringWriter();
    boolean ok = javac.getTask(messages, null, null,
        List.of("-classpath", classes, "-d", out.toString(), "--release", "17"), null,
        List.of(file)).call();
    return (ok ? "OK\n" : "FAILED\n") + messages;
  }

  /** Compiles the source and checks that javac refuses it with a message containing why. */
  private void assertRefused(String className, String why, String source) throws Exception {
    String result = compile(className, source);
    assertTrue(result.startsWith("FAILED") && result.contains(why), result);
  }

  @Test
  void aFakeModeDoesNotCompile() throws Exception {
    assertRefused("Annealing", "sealed", """
        package fake;
        import java.util.function.Function;
        import org.giipbeam.gpu.SearchMode;
        import org.giipbeam.gpu.SearchSpec;
        record Annealing(double temperature) implements SearchSpec {
          public SearchMode mode() {
            return SearchMode.FAST;
          }
          public <R> R match(Function<SearchSpec.Exhaustive, R> e,
              Function<SearchSpec.Fast, R> f) {
            return null;
          }
        }
        """);
  }

  @Test
  void aDispatchWithoutEveryCaseDoesNotCompile() throws Exception {
    // A switch on the mode without a default must list every mode; one that forgets FAST (as a
    // forgotten new mode would be forgotten) is refused.
    assertRefused("Dispatch", "does not cover all possible input values", """
        package fake;
        import org.giipbeam.gpu.SearchMode;
        class Dispatch {
          static String name(SearchMode m) {
            return switch (m) {
              case EXHAUSTIVE -> "grid";
            };
          }
        }
        """);
  }

  @Test
  void aMatchWithoutEveryHandlerDoesNotCompile() throws Exception {
    // What every dispatch site sees when a mode (a handler parameter of match) is added.
    assertRefused("Dispatch", "cannot be applied", """
        package fake;
        import org.giipbeam.gpu.SearchSpec;
        class Dispatch {
          static String name(SearchSpec s) {
            return s.match(e -> "grid " + e.coarseCoveringDegrees());
          }
        }
        """);
  }

  @Test
  void theFullDispatchCompiles() throws Exception {
    // The control: the same code with every case compiles, so the failures above are the
    // missing cases, not the set-up.
    String result = compile("Dispatch", """
        package fake;
        import org.giipbeam.gpu.SearchSpec;
        class Dispatch {
          static String name(SearchSpec s) {
            return s.match(e -> "grid " + e.coarseCoveringDegrees(), f -> "L " + f.degree());
          }
        }
        """);
    assertFalse(result.startsWith("FAILED"), result);
  }
}
