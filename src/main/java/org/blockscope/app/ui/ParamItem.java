package org.blockscope.app.ui;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.InspectorModel;
import org.blockscope.app.model.ParamLabels;
import org.blockscope.kind.ParamSpec;
import org.controlsfx.control.PropertySheet;

/**
 * One row of the inspector: the node's name ({@code spec == null}) or one parameter. Setting a
 * value goes straight through the editor model (one undo step); a refused value reports the
 * message and puts the current value back, which resets the editor.
 */
final class ParamItem implements PropertySheet.Item {

    private final EditorModel model;
    private final String node;
    private final ParamSpec spec;
    private final Consumer<String> onRefused;
    private final ObjectProperty<Object> value = new SimpleObjectProperty<>();
    private final javafx.beans.property.StringProperty notApplicable =
            new javafx.beans.property.SimpleStringProperty("");

    ParamItem(EditorModel model, String node, ParamSpec spec, Consumer<String> onRefused) {
        this.model = model;
        this.node = node;
        this.spec = spec;
        this.onRefused = onRefused;
        refresh();
    }

    /** Re-reads the value from the graph (after undo, or after a refusal). */
    void refresh() {
        if (!model.graph().contains(node)) {
            return;
        }
        value.set(spec == null ? node : model.graph().node(node).params().get(spec.name()));
        notApplicable.set(
                spec == null ? "" : InspectorModel.notApplicable(model.graph().node(node), spec));
    }

    /** Why this parameter does not count as the block is set ("" when it does): its editor is off then. */
    javafx.beans.property.StringProperty notApplicableProperty() {
        return notApplicable;
    }

    ParamSpec spec() {
        return spec;
    }

    @Override
    public Class<?> getType() {
        if (spec == null) {
            return String.class;
        }
        return switch (spec.type()) {
            case INT -> Integer.class;
            case DOUBLE -> Double.class;
            case BOOL -> Boolean.class;
            case CHOICE -> String.class;
        };
    }

    @Override
    public String getCategory() {
        return spec == null ? "Block" : "Parameters";
    }

    @Override
    public String getName() {
        return spec == null ? "name" : ParamLabels.of(spec) + (spec.unit().isEmpty() ? "" : " (" + spec.unit() + ")");
    }

    @Override
    public String getDescription() {
        return spec == null
                ? "the block's name: unique, used in files and diagnostics"
                : InspectorModel.description(spec);
    }

    @Override
    public Object getValue() {
        return value.get();
    }

    @Override
    public void setValue(Object v) {
        if (v == null || v.equals(value.get())) {
            return;
        }
        Optional<String> refused =
                spec == null ? model.rename(node, String.valueOf(v).strip()) : model.setParam(node, spec.name(), v);
        if (refused.isPresent()) {
            onRefused.accept(refused.get());
            value.set(null); // forces editors to see a change back to the current value
            refresh();
        } else {
            onRefused.accept("");
            if (spec != null) {
                refresh();
            }
        }
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.of(value);
    }
}
