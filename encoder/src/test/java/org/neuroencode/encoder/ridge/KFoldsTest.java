package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KFoldsTest {

    @Test
    void shouldSizeFoldsLikeScikitLearnKFold() {
        KFolds folds = KFolds.contiguous(10, 3);
        assertEquals(3, folds.count());
        assertEquals(4, folds.size(0));
        assertEquals(3, folds.size(1));
        assertEquals(3, folds.size(2));
        assertEquals(4, folds.start(1));
        assertEquals(10, folds.end(2));
        assertEquals(1, folds.foldOf(6));
    }

    @Test
    void shouldLeaveTrailingFoldsEmptyWhenSamplesAreFewerThanFolds() {
        KFolds folds = KFolds.contiguous(2, 4);
        assertEquals(1, folds.size(0));
        assertEquals(1, folds.size(1));
        assertEquals(0, folds.size(3));
        assertThrows(IndexOutOfBoundsException.class, () -> folds.foldOf(2));
        assertThrows(IllegalArgumentException.class, () -> KFolds.contiguous(5, 0));
    }
}
