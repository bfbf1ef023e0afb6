package org.blockscope.app.ui;

import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Callback;
import org.blockscope.app.model.InspectorModel;
import org.blockscope.kind.ParamSpec;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The inspector's typed editors, chosen by {@link InspectorModel#editorFor}: a spinner for whole
 * numbers (arrows stay in range; typed text is committed as typed so an out-of-range value is
 * refused with a message), a text field for reals, a check box, a combo box. Each editor follows
 * its item's value, so a refused value snaps back.
 */
final class ParamEditors implements Callback<PropertySheet.Item, PropertyEditor<?>> {

    @Override
    public PropertyEditor<?> call(PropertySheet.Item raw) {
        ParamItem item = (ParamItem) raw;
        ParamSpec spec = item.spec();
        Control c;
        if (spec == null) {
            c = textEditor(item, null);
        } else {
            c = switch (InspectorModel.editorFor(spec)) {
                case INT_SPINNER -> spinner(item, spec);
                case DOUBLE_FIELD -> textEditor(item, spec);
                case CHECKBOX -> checkBox(item);
                case CHOICE -> combo(item, spec);
            };
            Tooltip tip = new Tooltip();
            tip.textProperty()
                    .bind(item.notApplicableProperty()
                            .map(why -> InspectorModel.description(spec) + (why.isEmpty() ? "" : "\n(" + why + ")")));
            c.setTooltip(tip);
            c.disableProperty().bind(item.notApplicableProperty().isNotEmpty());
        }
        c.setId("param-" + (spec == null ? "name" : spec.name()));
        c.setMaxWidth(Double.MAX_VALUE);
        return new Fixed(c, item);
    }

    private static TextField textEditor(ParamItem item, ParamSpec spec) {
        TextField f = new TextField(text(item.getValue()));
        Runnable commit = () -> {
            if (!f.getText().equals(text(item.getValue()))) {
                item.setValue(spec == null ? f.getText() : InspectorModel.parse(spec, f.getText()));
                f.setText(text(item.getValue()));
            }
        };
        f.setOnAction(e -> commit.run());
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit.run();
            }
        });
        follow(item, v -> f.setText(text(v)));
        committed(f, () -> text(item.getValue()));
        return f;
    }

    private static Spinner<Integer> spinner(ParamItem item, ParamSpec spec) {
        int current = (Integer) item.getValue();
        SpinnerValueFactory.IntegerSpinnerValueFactory vf =
                new SpinnerValueFactory.IntegerSpinnerValueFactory((int) spec.min(), (int) spec.max(), current);
        Spinner<Integer> s = new Spinner<>(vf);
        s.setEditable(true);
        boolean[] updating = {false};
        vf.valueProperty().addListener((o, a, v) -> {
            if (!updating[0] && v != null && !v.equals(item.getValue())) {
                item.setValue(v);
            }
        });
        Runnable commitText = () -> {
            String typed = s.getEditor().getText();
            if (!typed.equals(text(item.getValue()))) {
                item.setValue(InspectorModel.parse(spec, typed));
            }
            s.getEditor().setText(text(item.getValue()));
        };
        // typed text is ours: the spinner would silently clamp it into range instead of refusing it
        s.getEditor().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                commitText.run();
                e.consume();
            }
        });
        s.getEditor().focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commitText.run();
            }
        });
        committed(s.getEditor(), () -> text(item.getValue()));
        follow(item, v -> {
            if (v instanceof Integer i) {
                updating[0] = true;
                vf.setValue(i);
                s.getEditor().setText(text(i));
                updating[0] = false;
            }
        });
        return s;
    }

    private static CheckBox checkBox(ParamItem item) {
        CheckBox b = new CheckBox();
        b.setSelected(Boolean.TRUE.equals(item.getValue()));
        b.selectedProperty().addListener((o, a, v) -> item.setValue(v));
        follow(item, v -> b.setSelected(Boolean.TRUE.equals(v)));
        return b;
    }

    private static ComboBox<String> combo(ParamItem item, ParamSpec spec) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(spec.choices()));
        c.setValue(String.valueOf(item.getValue()));
        c.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                item.setValue(v);
            }
        });
        follow(item, v -> {
            if (v != null) {
                c.setValue(String.valueOf(v));
            }
        });
        return c;
    }

    /**
     * Marks a field whose text is committed to the model: while it shows the committed value,
     * Undo/Redo and the other editing shortcuts act on the network, not on the field's text.
     */
    private static void committed(TextField f, java.util.function.Supplier<String> value) {
        f.getProperties().put(COMMITTED, value);
    }

    static final String COMMITTED = "blockscope.committedText";

    /** True when {@code f} is an inspector field with nothing typed since the last commit. */
    static boolean showsCommittedValue(javafx.scene.control.TextInputControl f) {
        Object v = f.getProperties().get(COMMITTED);
        return v instanceof java.util.function.Supplier<?> s && f.getText().equals(s.get());
    }

    private static void follow(ParamItem item, java.util.function.Consumer<Object> update) {
        item.getObservableValue().orElseThrow().addListener((o, a, v) -> {
            if (v != null) {
                update.accept(v);
            }
        });
    }

    static String text(Object v) {
        if (v instanceof Double d) {
            return org.blockscope.app.model.InspectorModel.formatNumber(d);
        }
        return v == null ? "" : String.valueOf(v);
    }

    /** The sheet only needs the control; values flow through the item. */
    private record Fixed(Node editor, ParamItem item) implements PropertyEditor<Object> {
        @Override
        public Node getEditor() {
            return editor;
        }

        @Override
        public Object getValue() {
            return item.getValue();
        }

        @Override
        public void setValue(Object value) {
            // the editor follows the item itself
        }
    }
}
