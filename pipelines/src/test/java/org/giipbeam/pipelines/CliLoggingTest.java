package org.giipbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The command line logs through slf4j only: after {@link GiipCli#configureLogging}, records
 * that libraries write to java.util.logging reach slf4j (the bridge is JUL's only root handler),
 * and a second call does not install it twice. The JUL root handlers and the system
 * properties are restored afterwards.
 */
class CliLoggingTest {

  @Test
  void javaUtilLoggingGoesThroughSlf4j() {
    Logger root = Logger.getLogger("");
    Handler[] before = root.getHandlers();
    boolean wasInstalled = SLF4JBridgeHandler.isInstalled();
    Properties properties = (Properties) System.getProperties().clone();
    try {
      GiipCli.configureLogging(false);
      GiipCli.configureLogging(false);
      assertTrue(SLF4JBridgeHandler.isInstalled());
      assertEquals(1, root.getHandlers().length);
      assertInstanceOf(SLF4JBridgeHandler.class, root.getHandlers()[0]);
    } finally {
      System.setProperties(properties);
      if (!wasInstalled) {
        for (Handler h : root.getHandlers()) {
          root.removeHandler(h);
        }
        for (Handler h : before) {
          root.addHandler(h);
        }
      }
    }
  }
}
