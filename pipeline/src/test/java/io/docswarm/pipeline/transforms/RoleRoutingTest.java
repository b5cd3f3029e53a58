package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleRoutingTest {

    @Test
    void rolesWithoutARouteUseTheDefaultDrafter() {
        RoleRouting routing = RoleRouting.parse("grounded", "writer=engine, designer=grounded");
        assertEquals("engine", routing.drafterFor("writer"));
        assertEquals("grounded", routing.drafterFor("analyst"));
        assertEquals(Set.of("engine", "grounded"), routing.drafters());
        assertEquals("grounded designer=grounded writer=engine", routing.identity(),
                "the manifest records the routes, so changing them redoes the job");
        assertEquals("grounded", RoleRouting.parse("grounded", "").identity());
    }

    @Test
    void badRoutesAreOneClearError() {
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
                () -> RoleRouting.parse("grounded", "poet=engine"));
        assertTrue(role.getMessage().contains("poet=engine"), role.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoleRouting.parse("grounded", "writer=gpt"));
    }
}
