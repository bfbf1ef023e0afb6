package org.blockscope.primitive;

import java.util.List;

/** What a step-through description needs besides the values: the mode and the class names. */
public record StepContext(boolean training, List<String> classNames) {}
