package dk.medcomgateway.support.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time (user + system) a process has used so far, from /proc/<pid>/stat (Linux). */
final class ProcessCpu {

    /** USER_HZ: the unit of utime and stime; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces; the fields after it are fixed: utime and stime are 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CPU time of process " + pid + " (Linux /proc only)", e);
        }
    }
}
