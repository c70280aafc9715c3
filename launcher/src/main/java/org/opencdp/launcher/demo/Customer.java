package org.opencdp.launcher.demo;

import java.util.SplittableRandom;

/** One demo customer: traits sent in identify calls, and latent behaviour that is never sent. */
final class Customer {

  private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
  private static final String[] SIGNUP = {"web", "app", "store", "referral"};

  final String userId;
  final String anonymousId;
  final int age;
  final String gender;
  final Catalog.Region region;
  final String city;
  final String tier;
  final String signupChannel;
  final Affinity affinity;

  /** Online sessions per day, before calendar and weather. */
  final double activity;

  /** Store visits relative to online sessions. */
  final double storeShare;

  /** Share of online sessions in the app rather than on the web. */
  final double appShare;

  boolean identified;
  boolean churned;
  int devices;

  Customer(int index, SplittableRandom random) {
    userId = "user-%05d".formatted(index + 1);
    anonymousId = "anon-%05d-0".formatted(index + 1);
    age = 18 + (int) Math.min(57, Math.abs(random.nextGaussian() * 14 + 16));
    gender = random.nextDouble() < 0.52 ? "female" : "male";
    region = Catalog.REGIONS.get(random.nextInt(Catalog.REGIONS.size()));
    city = region.cities().get(random.nextInt(region.cities().size()));
    double t = random.nextDouble();
    tier = TIERS[t < 0.5 ? 0 : t < 0.8 ? 1 : t < 0.95 ? 2 : 3];
    signupChannel = SIGNUP[random.nextInt(SIGNUP.length)];
    affinity = affinity(age, gender, random.nextDouble() < 0.5);
    activity =
        0.02 + 0.12 * Math.pow(random.nextDouble(), 2) + (tier.equals("platinum") ? 0.05 : 0);
    storeShare = signupChannel.equals("store") ? 0.5 : 0.12;
    appShare = age < 35 ? 0.65 : 0.35;
  }

  private static Affinity affinity(int age, String gender, boolean parent) {
    if (age < 30) {
      return Affinity.YOUNG_TECH;
    }
    if (age < 45 && parent) {
      return Affinity.PARENTS;
    }
    if (age < 45 && gender.equals("female")) {
      return Affinity.STYLE;
    }
    return age >= 45 ? Affinity.HOMEBODIES : Affinity.GENERAL;
  }

  /** An anonymous id for a new device (the customer is not logged in there yet). */
  String newDevice() {
    devices++;
    return anonymousId.substring(0, anonymousId.length() - 1) + devices;
  }
}
