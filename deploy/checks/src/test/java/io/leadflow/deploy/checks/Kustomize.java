package io.leadflow.deploy.checks;

import static io.leadflow.deploy.checks.Repo.list;
import static io.leadflow.deploy.checks.Repo.map;
import static io.leadflow.deploy.checks.Repo.str;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves a kustomization the way {@code kustomize build} does, for the features Leadflow's manifests
 * use: resources (files and directories), namespace, labels, images, replicas, Secret/ConfigMap
 * generators with create/replace/merge, strategic-merge patches (including {@code $patch: delete})
 * and JSON 6902 patches with targets. Anything it cannot resolve (a missing file, a patch that
 * matches no object, a replace of a Secret that does not exist) is recorded in {@link Build#problems()}
 * rather than silently ignored, so the checks fail on it.
 */
final class Kustomize {

    record Build(Path dir, List<Map<String, Object>> objects, List<String> problems) {

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(str(o, "kind"))).toList();
        }

        Map<String, Object> find(String kind, String name) {
            return objects.stream().filter(o -> kind.equals(str(o, "kind")) && name.equals(name(o))).findFirst().orElse(null);
        }

        /** Keys and decoded values of a ConfigMap or Secret. */
        Map<String, String> data(String kind, String name) {
            Map<String, Object> o = find(kind, name);
            Map<String, String> result = new LinkedHashMap<>();
            if (o == null) {
                return result;
            }
            map(o, "data").forEach((k, v) -> result.put(k, "Secret".equals(kind)
                    ? new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8) : String.valueOf(v)));
            map(o, "stringData").forEach((k, v) -> result.put(k, String.valueOf(v)));
            return result;
        }
    }

    private Kustomize() {
    }

    static String name(Map<String, Object> o) {
        return str(map(o, "metadata"), "name");
    }

    static Build build(Path dir) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> objects = build(dir, problems);
        return new Build(dir, objects, problems);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> build(Path dir, List<String> problems) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(dir + ": no kustomization.yaml");
            return new ArrayList<>();
        }
        Map<String, Object> k = Repo.single(file);
        String where = Repo.K8S.relativize(file).toString();
        if (!"Kustomization".equals(str(k, "kind"))) {
            problems.add(where + ": kind is not Kustomization");
        }
        for (String key : k.keySet()) {
            if (!List.of("apiVersion", "kind", "namespace", "labels", "resources", "images", "replicas",
                    "secretGenerator", "configMapGenerator", "generatorOptions", "patches").contains(key)) {
                problems.add(where + ": field '" + key + "' is not understood by these checks (teach Kustomize.java)");
            }
        }

        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object r : list(k, "resources")) {
            Path p = dir.resolve(String.valueOf(r)).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(build(p, problems));
            } else if (Files.isRegularFile(p)) {
                for (Object doc : Repo.documents(p)) {
                    if (doc instanceof Map) {
                        objects.add(deepCopy((Map<String, Object>) doc));
                    } else {
                        problems.add(p + ": a resource document that is not a mapping");
                    }
                }
            } else {
                problems.add(where + ": resource " + r + " does not exist");
            }
        }

        boolean noHash = Boolean.TRUE.equals(map(k, "generatorOptions").get("disableNameSuffixHash"));
        generate(dir, where, "Secret", list(k, "secretGenerator"), noHash, objects, problems);
        generate(dir, where, "ConfigMap", list(k, "configMapGenerator"), noHash, objects, problems);

        for (Object p : list(k, "patches")) {
            patch(dir, where, (Map<String, Object>) p, objects, problems);
        }

        for (Object r : list(k, "replicas")) {
            String name = str(r, "name");
            List<Map<String, Object>> hits = objects.stream()
                    .filter(o -> name.equals(name(o)) && List.of("Deployment", "StatefulSet").contains(str(o, "kind"))).toList();
            if (hits.isEmpty()) {
                problems.add(where + ": replicas for " + name + " match no Deployment");
            }
            hits.forEach(o -> map(o, "spec").put("replicas", ((Map<String, Object>) r).get("count")));
        }

        for (Object img : list(k, "images")) {
            String name = str(img, "name");
            int hits = 0;
            for (Map<String, Object> o : objects) {
                for (Object c : list(Repo.path(o, "spec.template.spec"), "containers")) {
                    Map<String, Object> container = (Map<String, Object>) c;
                    String image = str(container, "image");
                    if (image != null && (image.equals(name) || image.startsWith(name + ":"))) {
                        String tag = image.contains(":") ? image.substring(image.indexOf(':') + 1) : null;
                        String newName = Objects.requireNonNullElse(str(img, "newName"), name);
                        String newTag = Objects.requireNonNullElse(str(img, "newTag"), tag);
                        container.put("image", newTag == null ? newName : newName + ":" + newTag);
                        hits++;
                    }
                }
            }
            if (hits == 0) {
                problems.add(where + ": image " + name + " is used by no container");
            }
        }

        for (Object l : list(k, "labels")) {
            Map<String, Object> pairs = map(l, "pairs");
            boolean templates = Boolean.TRUE.equals(((Map<String, Object>) l).get("includeTemplates"));
            for (Map<String, Object> o : objects) {
                labels(o).putAll(pairs);
                if (templates && o.get("spec") instanceof Map && Repo.map(o, "spec").get("template") instanceof Map) {
                    labels(Repo.map(map(o, "spec"), "template")).putAll(pairs);
                }
            }
        }

        String namespace = str(k, "namespace");
        if (namespace != null) {
            objects.forEach(o -> map(o, "metadata").put("namespace", namespace));
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> o) {
        Map<String, Object> metadata = (Map<String, Object>) o.computeIfAbsent("metadata", x -> new LinkedHashMap<>());
        return (Map<String, Object>) metadata.computeIfAbsent("labels", x -> new LinkedHashMap<>());
    }

    private static void generate(Path dir, String where, String kind, List<Object> generators, boolean noHash,
            List<Map<String, Object>> objects, List<String> problems) {
        for (Object g : generators) {
            String name = str(g, "name");
            String behavior = Objects.requireNonNullElse(str(g, "behavior"), "create");
            if (!noHash && !Boolean.TRUE.equals(map(g, "options").get("disableNameSuffixHash"))) {
                problems.add(where + ": " + kind + " " + name + " gets a hash suffix; these checks expect stable names");
            }
            Map<String, String> data = new LinkedHashMap<>();
            for (Object literal : list(g, "literals")) {
                String s = String.valueOf(literal);
                int eq = s.indexOf('=');
                data.put(s.substring(0, eq), s.substring(eq + 1));
            }
            for (Object env : list(g, "envs")) {
                Path p = dir.resolve(String.valueOf(env));
                // Real credential files are never committed: read the committed example in their place.
                Path source = Files.isRegularFile(p) ? p : p.resolveSibling(p.getFileName() + ".example");
                if (!Files.isRegularFile(source)) {
                    problems.add(where + ": " + kind + " " + name + " reads " + env + ", which has no .example either");
                    continue;
                }
                for (String line : Repo.read(source).split("\n")) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#") && t.contains("=")) {
                        data.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
                    }
                }
            }
            Map<String, Object> existing = objects.stream()
                    .filter(o -> kind.equals(str(o, "kind")) && name.equals(name(o))).findFirst().orElse(null);
            switch (behavior) {
                case "create" -> {
                    if (existing != null) {
                        problems.add(where + ": " + kind + " " + name + " generated but already exists (use behavior: replace)");
                    }
                    objects.add(generated(kind, name, data));
                }
                case "replace", "merge" -> {
                    if (existing == null) {
                        problems.add(where + ": " + kind + " " + name + " has behavior " + behavior + " but no base object");
                        continue;
                    }
                    Map<String, Object> merged = new LinkedHashMap<>();
                    if (behavior.equals("merge")) {
                        merged.putAll(new Build(dir, List.of(existing), List.of()).data(kind, name));
                    }
                    merged.putAll(data);
                    Map<String, Object> replacement = generated(kind, name, merged);
                    existing.remove("stringData");
                    existing.put("data", replacement.get("data"));
                }
                default -> problems.add(where + ": unknown generator behavior " + behavior);
            }
        }
    }

    private static Map<String, Object> generated(String kind, String name, Map<String, ?> data) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", "v1");
        o.put("kind", kind);
        o.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        Map<String, Object> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, kind.equals("Secret")
                ? Base64.getEncoder().encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8)) : String.valueOf(v)));
        o.put("data", encoded);
        if (kind.equals("Secret")) {
            o.put("type", "Opaque");
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static void patch(Path dir, String where, Map<String, Object> entry, List<Map<String, Object>> objects,
            List<String> problems) {
        List<Object> docs;
        String label;
        if (entry.containsKey("path")) {
            Path p = dir.resolve(str(entry, "path"));
            label = where + ": patch " + str(entry, "path");
            if (!Files.isRegularFile(p)) {
                problems.add(label + " does not exist");
                return;
            }
            docs = Repo.documents(p);
        } else {
            label = where + ": inline patch";
            docs = new ArrayList<>();
            for (Object d : Repo.yaml().loadAll(str(entry, "patch"))) {
                if (d != null) {
                    docs.add(d);
                }
            }
        }
        Map<String, Object> target = map(entry, "target");
        for (Object doc : docs) {
            if (doc instanceof List<?> ops) {
                // JSON 6902: needs a target.
                List<Map<String, Object>> hits = objects.stream().filter(o -> matches(o, target)).toList();
                if (target.isEmpty() || hits.isEmpty()) {
                    problems.add(label + ": JSON patch whose target " + target + " matches no object");
                }
                for (Map<String, Object> o : hits) {
                    for (Object op : ops) {
                        String error = JsonPatch.apply(o, (Map<String, Object>) op);
                        if (error != null) {
                            problems.add(label + " on " + name(o) + ": " + error);
                        }
                    }
                }
                continue;
            }
            Map<String, Object> smp = (Map<String, Object>) doc;
            List<Map<String, Object>> hits = objects.stream().filter(o -> target.isEmpty()
                    ? Objects.equals(str(o, "kind"), str(smp, "kind")) && Objects.equals(name(o), name(smp))
                    : matches(o, target)).toList();
            if (hits.isEmpty()) {
                problems.add(label + ": " + str(smp, "kind") + " " + name(smp) + " matches no object");
            }
            if ("delete".equals(smp.get("$patch"))) {
                objects.removeAll(hits);
                continue;
            }
            for (Map<String, Object> o : hits) {
                Map<String, Object> body = deepCopy(smp);
                if (!target.isEmpty()) {
                    body.remove("metadata");
                }
                StrategicMerge.merge(o, body);
            }
        }
    }

    private static boolean matches(Map<String, Object> o, Map<String, Object> target) {
        if (target.isEmpty()) {
            return false;
        }
        if (str(target, "kind") != null && !str(target, "kind").equals(str(o, "kind"))) {
            return false;
        }
        if (str(target, "name") != null && !str(target, "name").equals(name(o))) {
            return false;
        }
        String group = str(target, "group");
        if (group != null) {
            String api = Objects.requireNonNullElse(str(o, "apiVersion"), "");
            String objectGroup = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
            if (!group.equals(objectGroup)) {
                return false;
            }
        }
        String selector = str(target, "labelSelector");
        if (selector != null) {
            Map<String, Object> labels = map(map(o, "metadata"), "labels");
            for (String term : selector.split(",")) {
                String[] kv = term.split("=", 2);
                if (!kv[1].trim().equals(String.valueOf(labels.get(kv[0].trim())))) {
                    return false;
                }
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    /** Strategic merge as Kubernetes does it for the fields these manifests patch: maps merge, named lists merge by name. */
    static final class StrategicMerge {
        private StrategicMerge() {
        }

        @SuppressWarnings("unchecked")
        static void merge(Map<String, Object> into, Map<String, Object> patch) {
            for (Map.Entry<String, Object> e : patch.entrySet()) {
                Object cur = into.get(e.getKey());
                Object val = e.getValue();
                if (val == null) {
                    into.remove(e.getKey());
                } else if (cur instanceof Map && val instanceof Map) {
                    merge((Map<String, Object>) cur, (Map<String, Object>) val);
                } else if (cur instanceof List<?> cl && val instanceof List<?> vl && keyed(cl) && keyed(vl)) {
                    List<Object> merged = (List<Object>) cur;
                    for (Object item : vl) {
                        Map<String, Object> pi = (Map<String, Object>) item;
                        Map<String, Object> existing = merged.stream().map(x -> (Map<String, Object>) x)
                                .filter(x -> Objects.equals(x.get("name"), pi.get("name"))).findFirst().orElse(null);
                        if (existing == null) {
                            merged.add(deepCopy(pi));
                        } else {
                            merge(existing, pi);
                        }
                    }
                } else {
                    into.put(e.getKey(), deepCopy(val));
                }
            }
        }

        private static boolean keyed(List<?> l) {
            return !l.isEmpty() && l.stream().allMatch(x -> x instanceof Map<?, ?> m && m.containsKey("name"));
        }
    }

    /** The JSON 6902 operations these manifests use: add (including "-" to append), replace, remove. */
    static final class JsonPatch {
        private JsonPatch() {
        }

        @SuppressWarnings("unchecked")
        static String apply(Map<String, Object> doc, Map<String, Object> op) {
            String path = str(op, "path");
            String[] parts = path.substring(1).split("/");
            Object parent = doc;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = step(parent, parts[i].replace("~1", "/").replace("~0", "~"));
                if (parent == null) {
                    return "path " + path + " does not exist";
                }
            }
            String last = parts[parts.length - 1].replace("~1", "/").replace("~0", "~");
            String kind = str(op, "op");
            Object value = deepCopy(op.get("value"));
            if (parent instanceof Map<?, ?>) {
                Map<String, Object> m = (Map<String, Object>) parent;
                if (!kind.equals("add") && !m.containsKey(last)) {
                    return "path " + path + " does not exist";
                }
                if (kind.equals("remove")) {
                    m.remove(last);
                } else {
                    m.put(last, value);
                }
                return null;
            }
            if (parent instanceof List<?>) {
                List<Object> l = (List<Object>) parent;
                if (last.equals("-") && kind.equals("add")) {
                    l.add(value);
                    return null;
                }
                int index = Integer.parseInt(last);
                if (index > l.size() || (!kind.equals("add") && index >= l.size())) {
                    return "index " + path + " out of range";
                }
                switch (kind) {
                    case "add" -> l.add(index, value);
                    case "replace" -> l.set(index, value);
                    case "remove" -> l.remove(index);
                    default -> {
                        return "unsupported op " + kind;
                    }
                }
                return null;
            }
            return "path " + path + " does not exist";
        }

        private static Object step(Object node, String part) {
            if (node instanceof Map<?, ?> m) {
                return m.get(part);
            }
            if (node instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
                return l.get(Integer.parseInt(part));
            }
            return null;
        }
    }
}
