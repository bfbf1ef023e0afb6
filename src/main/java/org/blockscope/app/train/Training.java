package org.blockscope.app.train;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.model.EditorModel;

/**
 * The training panel's three view-models and the service they share: data choice and preview,
 * settings and why-not-start, the runs.
 */
public record Training(
        TrainingService service,
        TrainingDataViewModel data,
        TrainingSettingsViewModel settings,
        GuardRailsViewModel rails,
        TrainingRunsViewModel runs) {

    /**
     * @param deliver runs results on the UI thread (Platform::runLater; tests: Runnable::run)
     * @param samples the bundled sample-images folder
     */
    public static Training create(
            EditorModel editor, ModelAccess access, Executor deliver, Path samples, LongSupplier nanos) {
        TrainingService service = new TrainingService(deliver);
        TrainingDataViewModel data = new TrainingDataViewModel(editor, service, samples);
        TrainingSettingsViewModel settings = new TrainingSettingsViewModel(editor, data);
        GuardRailsViewModel rails = new GuardRailsViewModel(editor, data, settings, service);
        TrainingRunsViewModel runs =
                new TrainingRunsViewModel(editor, settings, data, access, service, new RunProgress(nanos));
        return new Training(service, data, settings, rails, runs);
    }

    public void shutdown() {
        runs.shutdown();
        service.shutdown();
    }
}
