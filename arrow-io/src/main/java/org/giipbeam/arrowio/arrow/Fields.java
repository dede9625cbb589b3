package org.giipbeam.arrowio.arrow;

import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Non-nullable Arrow fields of the types the schemas use. */
final class Fields {
  private Fields() {}

  static Field utf8(String name) {
    return Field.notNullable(name, ArrowType.Utf8.INSTANCE);
  }

  static Field int64(String name) {
    return Field.notNullable(name, new ArrowType.Int(64, true));
  }

  static Field int32(String name) {
    return Field.notNullable(name, new ArrowType.Int(32, true));
  }

  static Field bool(String name) {
    return Field.notNullable(name, ArrowType.Bool.INSTANCE);
  }

  static Field float64(String name) {
    return Field.notNullable(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
  }

  static Field float32(String name) {
    return Field.notNullable(name, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
  }

  static Field list(String name, Field item) {
    return new Field(name, FieldType.notNullable(ArrowType.List.INSTANCE), List.of(item));
  }

  static Field fixedList(String name, int size, Field item) {
    return new Field(name, FieldType.notNullable(new ArrowType.FixedSizeList(size)),
        List.of(item));
  }
}
