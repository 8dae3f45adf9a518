package io.podarmor.junit;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link EnabledForImageKind} against the kind the nearest {@link ImageUnderTest} declares. */
class ImageKindCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<EnabledForImageKind> annotation = context.getElement()
        .flatMap(e -> AnnotationSupport.findAnnotation(e, EnabledForImageKind.class));
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("no @EnabledForImageKind");
    }
    ImageKind kind = ImageTargets.kind(context);
    String wanted = Arrays.stream(annotation.get().value()).map(k -> "ImageKind." + k)
        .collect(Collectors.joining(" or "));
    if (Arrays.asList(annotation.get().value()).contains(kind)) {
      return ConditionEvaluationResult.enabled("the image under test is ImageKind." + kind);
    }
    String custom = annotation.get().disabledReason();
    return ConditionEvaluationResult.disabled(custom.isBlank()
        ? "applies to " + wanted + " images; the image under test is ImageKind." + kind
        : custom);
  }
}
