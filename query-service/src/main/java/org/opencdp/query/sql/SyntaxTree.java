package org.opencdp.query.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Visits every node of a JSqlParser tree by walking its fields. JSqlParser's own visitors leave
 * some corners unvisited (window clauses, pivots, new syntax); a reflective walk cannot miss a
 * node, which matters more to a guard than speed.
 */
final class SyntaxTree {

  private static final String MODEL = "net.sf.jsqlparser.";
  private static final String PARSER = "net.sf.jsqlparser.parser.";

  private static final ClassValue<List<Field>> FIELDS =
      new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
          List<Field> fields = new ArrayList<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
              if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                field.setAccessible(true);
                fields.add(field);
              }
            }
          }
          return List.copyOf(fields);
        }
      };

  /** Receives each node with the node that holds it ({@code null} for the root). */
  interface Visitor {
    void visit(Object node, Object parent);
  }

  private SyntaxTree() {}

  static void walk(Object root, Visitor visitor) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object[]> pending = new ArrayDeque<>();
    pending.push(new Object[] {root, null});
    while (!pending.isEmpty()) {
      Object[] next = pending.pop();
      Object node = next[0];
      if (!seen.add(node)) {
        continue;
      }
      visitor.visit(node, next[1]);
      for (Field field : FIELDS.get(node.getClass())) {
        Object value;
        try {
          value = field.get(node);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("Cannot read " + field, e);
        }
        children(value, node, pending);
      }
    }
  }

  private static void children(Object value, Object parent, Deque<Object[]> pending) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> collection) {
      collection.forEach(v -> children(v, parent, pending));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> children(v, parent, pending));
    } else if (value instanceof Object[] array) {
      for (Object v : array) {
        children(v, parent, pending);
      }
    } else if (isModel(value)) {
      pending.push(new Object[] {value, parent});
    }
  }

  private static boolean isModel(Object value) {
    String name = value.getClass().getName();
    return name.startsWith(MODEL) && !name.startsWith(PARSER) && !value.getClass().isEnum();
  }
}
