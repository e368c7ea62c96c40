package org.neuroencode.extractor.motion;

/** The pointwise nonlinearity applied to clip-averaged energies, as cortical responses saturate. */
public enum Compression {
    NONE {
        @Override
        double apply(double value) {
            return value;
        }
    },
    LOG1P {
        @Override
        double apply(double value) {
            return Math.log1p(value);
        }
    },
    SQRT {
        @Override
        double apply(double value) {
            return Math.sqrt(value);
        }
    };

    abstract double apply(double value);
}
