// The structural walk of an example against the hand-written model (model.mjs): closed
// objects, required properties, enums, scalar formats, identifiers; it records what the later
// checks read (optional properties used, enum values used, codings, free texts).
import { DATE_RE, INSTANT_RE, OID_RE, XML_FORBIDDEN, parisOffset, realDay } from './formats.mjs';
import { checkIdNatPs, checkIdNatStruct } from './identifiers.mjs';

/**
 * Every optional property of the models ("Type.prop" for named types, counted once wherever
 * the type is used; "Type.rel.prop" for anonymous objects) and every enum with its values.
 */
export function modelKeys(roots) {
  const allOptionalKeys = new Set();
  const allEnumKeys = new Map();
  function enumerate(schema, owner, rel, seen) {
    if (schema.k === 'arr') return enumerate(schema.s, owner, `${rel}[]`, seen);
    if (schema.k === 'enum') { allEnumKeys.set(`${owner}.${rel}`, schema.values); return; }
    if (schema.k !== 'obj') return;
    if (schema.name) {
      const sig = `${schema.name}`;
      if (seen.has(sig) && schema.name !== 'PpsDocument' && schema.name !== 'FrcpDocument') return;
      seen.add(sig);
      owner = schema.name;
      rel = '';
    }
    for (const [k, { required, s }] of Object.entries(schema.props)) {
      const key = `${owner}.${rel ? `${rel}.` : ''}${k}`;
      if (!required) allOptionalKeys.add(key);
      enumerate(s, owner, rel ? `${rel}.${k}` : k, seen);
    }
  }
  const seenTypes = new Set();
  for (const root of roots) enumerate(root, null, '', seenTypes);
  return { allOptionalKeys, allEnumKeys };
}

/** A walker reporting into `findings` (findings.mjs) and collecting what the walked examples use. */
export function structureWalker({ err, warn }) {
  const coverage = new Map(); // key -> Set(file)
  const enumUse = new Map(); // key -> Map(value -> count)
  const codings = []; // { file, path, value, schema }
  const texts = []; // { file, path, value }
  const idNatPsSeen = new Map(); // idNatPs -> { family, where }

  function walk(file, schema, value, p, owner, rel) {
    switch (schema.k) {
      case 'obj': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return err(file, p, 'objet attendu');
        if (schema.name) { owner = schema.name; rel = ''; }
        for (const k of Object.keys(value)) if (!(k in schema.props)) err(file, `${p}.${k}`, 'propriété inconnue du modèle (objets fermés)');
        if (schema.minProperties && Object.keys(value).length < schema.minProperties) err(file, p, 'objet vide');
        for (const [k, { required, s }] of Object.entries(schema.props)) {
          const key = `${owner}.${rel ? `${rel}.` : ''}${k}`;
          if (!(k in value) || value[k] === undefined) {
            if (required) err(file, `${p}.${k}`, 'propriété obligatoire absente');
            continue;
          }
          if (!required) {
            if (!coverage.has(key)) coverage.set(key, new Set());
            coverage.get(key).add(file);
          }
          walk(file, s, value[k], p ? `${p}.${k}` : k, owner, rel ? `${rel}.${k}` : k);
        }
        if (schema.jdv) codings.push({ file, path: p, value, schema });
        if (schema.name === 'Address' && value.lines && Object.keys(value).some((k) => k !== 'lines' && k !== 'use'))
          err(file, p, 'adresse : lignes libres et parties structurées mélangées');
        if (schema.name === 'Telecom' && value.scheme === 'https')
          err(file, p, 'schéma "https" refusé par la structuration minimale CI-SIS (tel, fax, mailto, http, ftp, mllp)');
        if ((schema.name === 'HealthProfessional' || schema.name === 'Actor') && value.idNatPs && value.name) {
          const prev = idNatPsSeen.get(value.idNatPs);
          if (prev && prev.family !== value.name.family)
            err(file, `${p}.idNatPs`, `même RPPS/ADELI que ${prev.family} (${prev.where}) pour ${value.name.family}`);
          else if (!prev) idNatPsSeen.set(value.idNatPs, { family: value.name.family, where: `${file}: ${p}` });
        }
        return;
      }
      case 'arr':
        if (!Array.isArray(value)) return err(file, p, 'tableau attendu');
        if (schema.min && value.length < schema.min) err(file, p, `au moins ${schema.min} élément(s)`);
        if (schema.max && value.length > schema.max) err(file, p, `au plus ${schema.max} élément(s)`);
        value.forEach((v, i) => walk(file, schema.s, v, `${p}[${i}]`, owner, `${rel}[]`));
        return;
      case 'enum': {
        const key = `${owner}.${rel}`;
        if (!schema.values.includes(value)) return err(file, p, `valeur hors liste (${schema.values.join(', ')})`);
        if (!enumUse.has(key)) enumUse.set(key, new Map());
        enumUse.get(key).set(value, (enumUse.get(key).get(value) ?? 0) + 1);
        return;
      }
      case 'bool':
        if (typeof value !== 'boolean') err(file, p, 'booléen attendu');
        return;
      case 'int':
      case 'num':
        if (typeof value !== 'number' || (schema.k === 'int' && !Number.isInteger(value))) return err(file, p, 'nombre attendu');
        if (schema.min !== undefined && value < schema.min) err(file, p, `minimum ${schema.min}`);
        if (schema.max !== undefined && value > schema.max) err(file, p, `maximum ${schema.max}`);
        return;
      case 'oid':
        if (typeof value !== 'string' || !OID_RE.test(value)) err(file, p, 'OID ou UUID attendu');
        else if (/[A-F]/.test(value) && value.includes('-')) warn(file, p, 'UUID en majuscules (préférer les minuscules)');
        return;
      case 'date':
      case 'instant':
      case 'dateOrInstant': {
        if (typeof value !== 'string') return err(file, p, 'chaîne de date attendue');
        const d = DATE_RE.exec(value);
        const t = INSTANT_RE.exec(value);
        if (schema.k === 'date' && !d) return err(file, p, 'date partielle attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)');
        if (schema.k === 'instant' && !t) return err(file, p, 'instant attendu (AAAA-MM-JJThh:mm[:ss]±hh:mm)');
        if (!d && !t) return err(file, p, 'date ou instant attendu');
        if (d && d[3] && !realDay(d[1], d[2], d[3])) err(file, p, 'date inexistante');
        if (t) {
          if (!realDay(t[1], t[2], t[3])) return err(file, p, 'date inexistante');
          const ms = Date.parse(`${t[1]}-${t[2]}-${t[3]}T${t[4]}:${t[5]}:${t[6] ?? '00'}${t[7]}`);
          const expected = parisOffset(ms);
          if (t[7] !== expected) err(file, p, `décalage horaire ${t[7]} incohérent avec l'heure de Paris à cette date (${expected})`);
        }
        return;
      }
      case 'str':
        if (typeof value !== 'string' || value.length === 0) return err(file, p, 'chaîne non vide attendue');
        if (XML_FORBIDDEN.test(value)) err(file, p, 'caractère interdit en XML');
        if (schema.pattern && !schema.pattern.test(value)) err(file, p, `format attendu ${schema.pattern}`);
        if (schema.idNatPs) { const e = checkIdNatPs(value); if (e) err(file, p, e); }
        if (schema.idNatStruct) { const e = checkIdNatStruct(value); if (e) err(file, p, e); }
        if (schema.text) texts.push({ file, path: p, value });
        return;
      default:
        throw new Error(`schéma inconnu ${schema.k}`);
    }
  }

  return { walk, coverage, enumUse, codings, texts };
}
