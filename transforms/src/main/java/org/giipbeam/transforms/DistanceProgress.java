package org.giipbeam.transforms;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One overall progress line for the distance step of a study, whatever the number of tiles,
 * batches and threads: pairs done of the total, rate and time left, at most every
 * {@link #INTERVAL_NANOS} and once at the end. Pairs read back from a {@link DistanceStore}
 * count as done but not in the rate. Every {@link GiipBlocks} DoFn of one JVM that carries the
 * same meter adds to one shared count (the DirectRunner and a local Flink cluster run in one
 * JVM; each TaskManager of a real cluster prints its own share).
 */
public final class DistanceProgress implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Least time between two lines. */
  static final long INTERVAL_NANOS = 10_000_000_000L;

  private static final ConcurrentMap<String, State> STATES = new ConcurrentHashMap<>();

  private final String id;
  private final long totalPairs;
  private final boolean totalIsEstimate;

  private DistanceProgress(String id, long totalPairs, boolean totalIsEstimate) {
    this.id = id;
    this.totalPairs = totalPairs;
    this.totalIsEstimate = totalIsEstimate;
  }

  /**
   * A meter for {@code totalPairs} pairs (an estimate when {@code estimate}: the time left then
   * reads "about"); {@code id} names the run, so that two runs in one JVM count apart.
   */
  public static DistanceProgress of(String id, long totalPairs, boolean estimate) {
    return new DistanceProgress(id, Math.max(totalPairs, 1), estimate);
  }

  /** Adds pairs searched now. */
  public void computed(long pairs) {
    state().add(pairs, false);
  }

  /** Adds pairs read back from a store. */
  public void reused(long pairs) {
    state().add(pairs, true);
  }

  /** Pairs searched and pairs reused so far in this JVM. */
  public long[] counts() {
    State s = state();
    return new long[] {s.computed.get(), s.reused.get()};
  }

  /** Prints the final line and forgets this run's counts. */
  public void finish(PrintStream out) {
    State s = STATES.remove(id);
    if (s != null) {
      out.println(s.line(true));
    }
  }

  private State state() {
    return STATES.computeIfAbsent(id, k -> new State());
  }

  private final class State {
    final AtomicLong computed = new AtomicLong();
    final AtomicLong reused = new AtomicLong();
    final long start = System.nanoTime();
    final AtomicLong lastLine = new AtomicLong(start);

    void add(long pairs, boolean fromStore) {
      (fromStore ? reused : computed).addAndGet(pairs);
      long now = System.nanoTime();
      long last = lastLine.get();
      if (now - last >= INTERVAL_NANOS && lastLine.compareAndSet(last, now)) {
        System.err.println(line(false));
      }
    }

    String line(boolean last) {
      long c = computed.get();
      long r = reused.get();
      long done = c + r;
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = c / Math.max(seconds, 1e-9);
      StringBuilder sb = new StringBuilder("distances: ");
      sb.append(String.format(Locale.ROOT, "%s of %s%s pairs (%.1f%%)", count(done),
          totalIsEstimate ? "about " : "", count(totalPairs), 100.0 * done / totalPairs));
      if (r > 0) {
        sb.append(", ").append(count(r)).append(" from earlier runs");
      }
      sb.append(String.format(Locale.ROOT, ", %.0f pairs/s", rate));
      if (last) {
        sb.append(String.format(Locale.ROOT, ", done in %s", duration(seconds)));
      } else if (rate > 0 && totalPairs > done) {
        sb.append(", ").append(totalIsEstimate ? "about " : "")
            .append(duration((totalPairs - done) / rate)).append(" left");
      }
      return sb.toString();
    }
  }

  static String count(long n) {
    if (n >= 10_000_000) {
      return String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }
    if (n >= 10_000) {
      return String.format(Locale.ROOT, "%.1f k", n / 1e3);
    }
    return Long.toString(n);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
