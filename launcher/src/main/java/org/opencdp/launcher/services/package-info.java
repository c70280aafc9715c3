/** The services the local runtime starts: modules, ports, jars, command lines. */
package org.opencdp.launcher.services;
