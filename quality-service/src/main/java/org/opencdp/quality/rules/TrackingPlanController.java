package org.opencdp.quality.rules;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/quality/tracking-plans}: JSON Schema per event, with a mode per plan. */
@RestController
@RequestMapping("/v1/quality/tracking-plans")
class TrackingPlanController extends DefinitionsController {

  TrackingPlanController(
      Definitions definitions, ActiveRules active, ActiveRules.Compiler compiler) {
    super(Definitions.Kind.PLAN, definitions, active, compiler);
  }
}
