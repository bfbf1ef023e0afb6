package org.blockscope.app.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.export.MetricsFollower;
import org.blockscope.graph.Graph;

/**
 * A run of an exported train.py (on this machine or a cluster), followed from its metrics.jsonl: one
 * more run in the run list and in the training charts, beside the runs trained here. Its lines become
 * the same iteration and epoch points a run of the app's own trainer records (train.py counts epochs
 * from 1, the trainer from 0).
 */
public final class FollowedRun {

    private final RunList list;
    private final TrainingRunRecord record;
    private final MetricsFollower follower;

    private FollowedRun(RunList list, TrainingRunRecord record, MetricsFollower follower) {
        this.list = list;
        this.record = record;
        this.follower = follower;
    }

    /** Adds the run to {@code list} (on the UI thread); points arrive with {@link #add}. */
    public static FollowedRun start(RunList list, Graph graph, TrainingSettings settings, Path metrics) {
        Path folder = metrics.toAbsolutePath().getParent();
        TrainingRunRecord r = new TrainingRunRecord(
                list.runs().size() + 1,
                "train.py",
                graph,
                settings,
                (folder == null ? metrics : folder.resolve(metrics.getFileName())).toString());
        r.statusProperty().set("followed: " + metrics.getFileName());
        list.add(r);
        list.bump();
        return new FollowedRun(list, r, new MetricsFollower(metrics));
    }

    public TrainingRunRecord record() {
        return record;
    }

    /** Whether the run is still in the list (removing it stops following). */
    public boolean followed() {
        return list.runs().contains(record);
    }

    /** The lines completed since the last call; on a background thread. */
    public List<MetricsFollower.Metric> poll() throws IOException {
        return follower.poll();
    }

    /** Adds the points of {@code metrics} to the run and redraws the charts; on the UI thread. */
    public void add(List<MetricsFollower.Metric> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        for (MetricsFollower.Metric m : metrics) {
            if (m.isEpoch()) {
                record.metrics()
                        .add(new TrainingEvent.EpochDone(
                                m.epoch() - 1, m.loss(), m.accuracy(), m.valLoss(), m.valAccuracy()));
                record.statusProperty().set("followed: epoch " + m.epoch());
            } else {
                record.metrics()
                        .add(new TrainingEvent.IterationDone(
                                m.loss(), m.lr(), Double.NaN, m.epoch() - 1, m.iteration()));
            }
        }
        list.bump();
    }
}
