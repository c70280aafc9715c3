package org.opencdp.quality.rules;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/quality/rules}: completeness and value rules as CEL expressions. */
@RestController
@RequestMapping("/v1/quality/rules")
class RuleController extends DefinitionsController {

  RuleController(Definitions definitions, ActiveRules active, ActiveRules.Compiler compiler) {
    super(Definitions.Kind.RULE, definitions, active, compiler);
  }
}
