package org.giipbeam.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.giipbeam.pipelines.StudyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks of the deployment files that need no cluster (default build): the local cluster's
 * configuration, the scripts, the Kubernetes manifest, and LocalFlinkCluster's PID handling.
 */
class DeployFilesTest {
  static final Path REPO = LocalFlinkCluster.repositoryRoot();

  static Map<String, String> flinkConf() throws IOException {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String line : Files.readAllLines(REPO.resolve("deploy/local-flink/conf/flink-conf.yaml"))) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int colon = t.indexOf(": ");
      assertTrue(colon > 0, "flat 'key: value' lines only: " + line);
      assertFalse(conf.containsKey(t.substring(0, colon)), "key twice: " + line);
      conf.put(t.substring(0, colon), t.substring(colon + 2).strip());
    }
    return conf;
  }

  @Test
  void localClusterListensOnLoopbackOnly() throws IOException {
    Map<String, String> conf = flinkConf();
    for (String key : new String[] {"jobmanager.rpc.address", "jobmanager.bind-host",
        "taskmanager.host", "taskmanager.bind-host", "rest.address", "rest.bind-address"}) {
      assertEquals("127.0.0.1", conf.get(key), key);
    }
    assertEquals("8081", conf.get("rest.port"));
  }

  @Test
  void localClusterRecoversFromALostTaskManager() throws IOException {
    Map<String, String> conf = flinkConf();
    assertEquals("fixed-delay", conf.get("restart-strategy.type"));
    assertTrue(Integer.parseInt(conf.get("restart-strategy.fixed-delay.attempts")) >= 2);
    assertEquals("region", conf.get("jobmanager.execution.failover-strategy"));
    assertEquals("2000", conf.get("heartbeat.interval"));
    assertEquals("10000", conf.get("heartbeat.timeout"));
    assertEquals("2", conf.get("taskmanager.numberOfTaskSlots"));
    assertEquals("1600m", conf.get("taskmanager.memory.process.size"));
    assertTrue(conf.get("env.java.opts.all").contains("--add-opens=java.base/java.nio=ALL-UNNAMED"),
        "Arrow needs java.nio opened on the TaskManagers");
  }

  @Test
  void scriptsAreExecutableBash() {
    for (String s : new String[] {"start", "stop"}) {
      Path p = REPO.resolve("deploy/local-flink").resolve(s);
      assertTrue(Files.isExecutable(p), p + " is executable");
    }
  }

  @Test
  void kubernetesManifestRunsTheStudyFromTheFatJar() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode d = yaml.readTree(REPO.resolve("deploy/k8s/flinkdeployment.yaml").toFile());
    assertEquals("flink.apache.org/v1beta1", d.path("apiVersion").asText());
    assertEquals("FlinkDeployment", d.path("kind").asText());
    JsonNode spec = d.path("spec");
    assertEquals("v1_19", spec.path("flinkVersion").asText(), "Beam's runner is for Flink 1.19");
    JsonNode job = spec.path("job");
    assertTrue(job.path("jarURI").asText().startsWith("local:///opt/flink/usrlib/"));
    assertEquals("org.giipbeam.pipelines.GiipCli", job.path("entryClass").asText());
    assertEquals("study", job.path("args").path(0).asText());
    assertTrue(job.path("args").toString().contains("--runner=FlinkRunner"));
    assertTrue(List.of("stateless", "last-state", "savepoint")
        .contains(job.path("upgradeMode").asText()));
    JsonNode conf = spec.path("flinkConfiguration");
    conf.fields().forEachRemaining(e -> assertTrue(e.getValue().isTextual(),
        "flinkConfiguration values are strings in the CRD: " + e.getKey()));
    assertFalse(conf.path("restart-strategy.type").asText().isEmpty());
    assertTrue(conf.path("env.java.opts.all").asText().contains("java.nio"));
    assertTrue(Files.isRegularFile(REPO.resolve("pipelines/src/main/java/"
        + job.path("entryClass").asText().replace('.', '/') + ".java")), "entry class exists");

    // The study's arguments are options the study accepts (Beam rejects unknown ones).
    List<String> args = new ArrayList<>();
    job.path("args").forEach(a -> args.add(a.asText()));
    PipelineOptionsFactory.register(StudyOptions.class);
    StudyOptions o = PipelineOptionsFactory.fromArgs(args.subList(1, args.size())
        .toArray(String[]::new)).withValidation().as(StudyOptions.class);
    assertEquals("FlinkRunner", o.getRunner().getSimpleName());
    assertEquals(4, o.getSamples().size());
  }

  @Test
  void pidsFileAndProcessChecks(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pids"), "jobmanager 12\ntm-1 34\n\nbroken line here\n");
    assertEquals(Map.of("jobmanager", 12L, "tm-1", 34L), LocalFlinkCluster.readPids(dir));
    assertTrue(LocalFlinkCluster.readPids(dir.resolve("none")).isEmpty());
    // This JVM is not a Flink process of ours, and a PID that does not exist is not either.
    assertFalse(LocalFlinkCluster.isOurs(ProcessHandle.current().pid()));
    assertFalse(LocalFlinkCluster.isOurs(Long.MAX_VALUE));
  }
}
