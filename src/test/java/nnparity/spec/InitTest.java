package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InitTest {
    /** A constant compared with its literal: nothing is computed. */
    static final double EXACT = 0;

    @Test
    void namesAreLowerCaseAndParsedIgnoringCaseAndSpaces() {
        assertEquals("normal", Init.NORMAL.id());
        assertEquals("dl4j", Init.DL4J.id());
        assertEquals(Init.XAVIER, Init.parse("xavier"));
        assertEquals(Init.DL4J, Init.parse(" DL4J "));
        assertEquals(Init.NORMAL, Init.parse("Normal"));
    }

    @Test
    void unknownInitNamesListTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Init.parse("he"));
        assertEquals("init 'he' is not known; valid: normal | xavier | xavier_uniform | relu | relu_uniform | lecun_normal | uniform | zero | dl4j", e.getMessage());
    }

    @Test
    void normalIsTheBooksOneHundredth() {
        assertEquals(0.01, Init.NORMAL_STD, EXACT);
    }
}
