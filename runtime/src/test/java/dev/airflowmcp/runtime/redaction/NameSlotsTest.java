package dev.airflowmcp.runtime.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameSlotsTest {
  @Test
  void aNameGetsBackItsOwnFactsOrNothingNeverAnothers() {
    NameSlots slots = new NameSlots();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      names.add(new String("name_" + i)); // distinct instances, many sharing a slot
    }
    for (int i = 0; i < names.size(); i++) {
      slots.put(names.get(i), i % 100);
    }
    int remembered = 0;
    for (int i = 0; i < names.size(); i++) {
      int f = slots.get(names.get(i));
      assertTrue(f == -1 || f == i % 100, "facts of another name for " + names.get(i));
      if (f >= 0) {
        remembered++;
      }
      // Found by identity only: an equal string of another instance is unknown.
      assertEquals(-1, slots.get(new String(names.get(i))));
    }
    assertTrue(remembered >= 200, "the table remembers while it has room: " + remembered);
  }

  @Test
  void aPageWorthOfNamesIsAllRemembered() {
    NameSlots slots = new NameSlots();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      names.add(("field_" + i).intern());
      slots.put(names.get(i), 3);
    }
    for (String n : names) {
      assertEquals(3, slots.get(n));
    }
  }
}
