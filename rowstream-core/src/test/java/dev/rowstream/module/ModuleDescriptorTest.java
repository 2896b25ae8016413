package dev.rowstream.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sealed API: {@code module-info.java} exports what a user needs and not {@code dev.rowstream.internal}; the
 * module resolves with nothing but its declared requirements (SLF4J and jackson-core are named modules); and no
 * public or protected signature of an exported package names a type a user's module could not read: an
 * internal one, or one of a module that is not required transitively. The tests run on the class path, so this
 * builds a module layer of the compiled classes, SLF4J and jackson-core, and reflects over the classes there.
 */
class ModuleDescriptorTest {
    private static final Set<String> EXPORTED = Set.of("dev.rowstream", "dev.rowstream.checkpoint", "dev.rowstream.copy",
            "dev.rowstream.dialect", "dev.rowstream.doctor", "dev.rowstream.format", "dev.rowstream.job",
            "dev.rowstream.keyset", "dev.rowstream.sink", "dev.rowstream.split");

    private static Path classes;
    private static ModuleLayer layer;
    private static Module module;

    @BeforeAll
    static void layer() throws URISyntaxException {
        classes = jarOf(dev.rowstream.Row.class);
        ModuleFinder finder = ModuleFinder.of(classes, jarOf(org.slf4j.Logger.class),
                jarOf(com.fasterxml.jackson.core.JsonGenerator.class));
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("dev.rowstream"));
        layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        module = layer.findModule("dev.rowstream").orElseThrow();
    }

    private static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void exportsWhatAUserNeedsAndNotInternal() {
        ModuleDescriptor d = module.getDescriptor();
        assertThat(d.isAutomatic()).isFalse();
        assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .isEqualTo(EXPORTED);
        assertThat(module.isExported("dev.rowstream.internal")).isFalse();
        assertThat(d.packages()).contains("dev.rowstream.internal");
        assertThat(d.uses()).contains("dev.rowstream.format.Format", "dev.rowstream.format.Compression",
                "dev.rowstream.dialect.DialectProvider");
        assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
                .contains("org.slf4j", "com.fasterxml.jackson.core");
    }

    /** A ServiceLoader in a named module needs its {@code uses}: without it, loading throws. */
    @Test
    void theServiceLoadersWorkInsideTheModule() throws Exception {
        ClassLoader loader = layer.findLoader("dev.rowstream");
        Class.forName("dev.rowstream.dialect.Dialects", true, loader); // loads the DialectProviders when initialised
        assertThat((List<?>) Class.forName("dev.rowstream.format.Formats", true, loader).getMethod("all").invoke(null))
                .isNotEmpty();
        assertThat(Class.forName("dev.rowstream.format.Compressions", true, loader).getMethod("named", String.class)
                .invoke(null, "gzip")).isNotNull();
    }

    @Test
    void noExportedSignatureNamesATypeAUserCannotRead() throws Exception {
        ClassLoader loader = layer.findLoader("dev.rowstream");
        Set<String> problems = new TreeSet<>();
        int checked = 0;
        for (String name : classNames()) {
            Class<?> c = Class.forName(name, false, loader);
            if (!EXPORTED.contains(c.getPackageName()) || !visible(c)) {
                continue;
            }
            checked++;
            for (Type t : signature(c)) {
                for (Class<?> named : named(t, new ArrayList<>())) {
                    if (!readable(named)) {
                        problems.add(c.getName() + " names " + named.getName() + " (module "
                                + named.getModule().getName() + ")");
                    }
                }
            }
        }
        assertThat(checked).as("public classes checked").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    /** A type a module that requires dev.rowstream can read: exported by it, java.base, or required transitively. */
    private static boolean readable(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        Module m = c.getModule();
        if (m == module) {
            return module.isExported(c.getPackageName());
        }
        if ("java.base".equals(m.getName())) {
            return true;
        }
        return module.getDescriptor().requires().stream().anyMatch(r -> r.name().equals(m.getName())
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }

    /** Public, and (when nested) inside public classes only. */
    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** Every type in the class's own signature and in its public and protected members' signatures. */
    private static List<Type> signature(Class<?> c) {
        List<Type> types = new ArrayList<>();
        if (c.getGenericSuperclass() != null) {
            types.add(c.getGenericSuperclass());
        }
        types.addAll(List.of(c.getGenericInterfaces()));
        for (TypeVariable<?> v : c.getTypeParameters()) {
            types.addAll(List.of(v.getBounds()));
        }
        for (Field f : c.getDeclaredFields()) {
            if (api(f)) {
                types.add(f.getGenericType());
            }
        }
        for (Executable e : Stream.concat(Stream.of(c.getDeclaredMethods()), Stream.of(c.getDeclaredConstructors()))
                .collect(Collectors.toList())) {
            if (!api(e) || e.isSynthetic()) {
                continue;
            }
            types.addAll(List.of(e.getGenericParameterTypes()));
            types.addAll(List.of(e.getGenericExceptionTypes()));
            for (TypeVariable<?> v : e.getTypeParameters()) {
                types.addAll(List.of(v.getBounds()));
            }
            if (e instanceof java.lang.reflect.Method) {
                types.add(((java.lang.reflect.Method) e).getGenericReturnType());
            }
        }
        return types;
    }

    private static boolean api(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }

    /** The classes a type names: itself, its type arguments, bounds and array components. */
    private static List<Class<?>> named(Type t, List<Class<?>> into) {
        if (t instanceof Class<?>) {
            into.add((Class<?>) t);
        } else if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            named(p.getRawType(), into);
            for (Type a : p.getActualTypeArguments()) {
                named(a, into);
            }
        } else if (t instanceof GenericArrayType) {
            named(((GenericArrayType) t).getGenericComponentType(), into);
        } else if (t instanceof WildcardType) {
            for (Type b : ((WildcardType) t).getUpperBounds()) {
                named(b, into);
            }
            for (Type b : ((WildcardType) t).getLowerBounds()) {
                named(b, into);
            }
        }
        // A type variable's bounds are checked where it is declared.
        return into;
    }

    private static List<String> classNames() throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(p -> classes.relativize(p).toString())
                    .filter(p -> p.endsWith(".class") && !p.equals("module-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted().collect(Collectors.toList());
        }
    }
}
