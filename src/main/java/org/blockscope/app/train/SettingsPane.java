package org.blockscope.app.train;

import javafx.beans.property.IntegerProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** The settings of the next run, bound to {@link TrainingSettingsViewModel}. */
final class SettingsPane extends GridPane {

    SettingsPane(TrainingSettingsViewModel vm) {
        setHgap(8);
        setVgap(6);
        ComboBox<TrainingSettings.Optimiser> opt =
                new ComboBox<>(FXCollections.observableArrayList(TrainingSettings.Optimiser.values()));
        opt.valueProperty().bindBidirectional(vm.optimiserProperty());
        TextField lr = new TextField(Double.toString(vm.learningRateProperty().get()));
        lr.setId("learning-rate");
        lr.setPrefColumnCount(8);
        lr.textProperty().addListener((o, a, b) -> {
            try {
                vm.learningRateProperty().set(Double.parseDouble(b.trim()));
            } catch (NumberFormatException e) {
                vm.learningRateProperty().set(Double.NaN);
            }
        });
        ComboBox<TrainingSettings.LrSchedule> sched =
                new ComboBox<>(FXCollections.observableArrayList(TrainingSettings.LrSchedule.values()));
        sched.valueProperty().bindBidirectional(vm.scheduleProperty());
        Spinner<Integer> batch = intSpinner(1, 4096, vm.batchSizeProperty());
        Spinner<Integer> epochs = intSpinner(1, 1000, vm.epochsProperty());
        Spinner<Integer> seed = intSpinner(0, Integer.MAX_VALUE, vm.seedProperty());
        Spinner<Double> val = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(
                0, 0.9, vm.valFractionProperty().get(), 0.05));
        val.setEditable(true);
        val.valueProperty().addListener((o, a, b) -> vm.valFractionProperty().set(b == null ? Double.NaN : b));
        CheckBox aug = new CheckBox("augment (random crops; flips for colour)");
        aug.setWrapText(true);
        aug.selectedProperty().bindBidirectional(vm.augmentProperty());
        TextField name = new TextField();
        name.setPromptText("e.g. without SE");
        name.textProperty().bindBidirectional(vm.runNameProperty());
        int r = 0;
        addRow(r++, new Label("Optimiser"), opt);
        addRow(r++, new Label("Learning rate"), lr);
        addRow(r++, new Label("Schedule"), sched);
        addRow(r++, new Label("Batch size"), batch);
        addRow(r++, new Label("Epochs"), epochs);
        addRow(r++, new Label("Validation split"), val);
        addRow(r++, new Label("Seed"), seed);
        add(aug, 0, r++, 2, 1);
        addRow(r, new Label("Run name"), name);
        getChildren().stream()
                .filter(n -> n instanceof Label)
                .forEach(n -> ((Label) n).setMinWidth(Label.USE_PREF_SIZE));
    }

    private static Spinner<Integer> intSpinner(int min, int max, IntegerProperty p) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setEditable(true);
        s.setPrefWidth(110);
        s.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                p.set(b);
            }
        });
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        return s;
    }
}
