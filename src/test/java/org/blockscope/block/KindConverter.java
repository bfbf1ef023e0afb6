package org.blockscope.block;

import org.blockscope.kind.BlockKind;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.params.converter.ArgumentConversionException;
import org.junit.jupiter.params.converter.ArgumentConverter;

/** Reads a kind in a parameterized test's table by its name ({@code DENSE_BLOCK}) or id ({@code dense_block}). */
public final class KindConverter implements ArgumentConverter {

    @Override
    public Object convert(Object source, ParameterContext context) {
        if (source instanceof BlockKind k) {
            return k;
        }
        String text = String.valueOf(source).strip();
        return BlockKinds.byId(text).orElseThrow(() -> new ArgumentConversionException("no block kind '" + text + "'"));
    }
}
