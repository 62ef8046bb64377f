/*
 * twins.c
 *		housing_areas_private.nearest_twins(): the k nearest twins of every
 *		record of a list year, by the k-d trees of src/core/twins.c.
 *
 * The PostGIS layer's view area_twins calls it once per list year with the
 * year's records (ids and their twin_coordinates(), unknowns as NULL) and
 * the pairs a plan excludes; it gives the rows the all-pairs SQL gave, bit
 * for bit.  All checking of the arrays is here; the core assumes them sound.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "core/twins.h"

/*
 * The elements of a one-dimensional integer array argument (an empty array
 * has none); an error for another shape or a NULL element.
 */
static int32 *
int_elements(ArrayType *a, const char *name, int *n)
{
	Datum	   *values;
	bool	   *nulls;
	int32	   *out;
	int			i;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"%s\" must be a one-dimensional array", name),
				 errdetail("It has %d dimensions.", ARR_NDIM(a))));
	deconstruct_array(a, INT4OID, sizeof(int32), true, TYPALIGN_INT,
					  &values, &nulls, n);
	out = palloc(sizeof(int32) * (*n > 0 ? *n : 1));
	for (i = 0; i < *n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"%s\" must not contain NULL", name),
					 errdetail("Element %d is NULL.", i + 1)));
		out[i] = DatumGetInt32(values[i]);
	}
	pfree(values);
	pfree(nulls);
	return out;
}

/*
 * The dimensions of an array as array_dims() writes them, quoted, or that it
 * is empty.
 */
static char *
array_shape(ArrayType *a)
{
	if (ARR_NDIM(a) == 0)
		return pstrdup("is empty");
	return psprintf("has dimensions \"%s\"",
					TextDatumGetCString(DirectFunctionCall1(array_dims,
															PointerGetDatum(a))));
}

/*
 * The coordinates argument as n rows of HA_TWIN_DIMS doubles, NULL as NaN
 * (unknown); an error for another shape, NaN or an infinity.
 */
static double *
coordinate_elements(ArrayType *a, int n)
{
	Datum	   *values;
	bool	   *nulls;
	double	   *out;
	int			count;
	int			i;

	if (!(n == 0 && ARR_NDIM(a) == 0) &&
		(ARR_NDIM(a) != 2 || ARR_DIMS(a)[0] != n || ARR_DIMS(a)[1] != HA_TWIN_DIMS))
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"coordinates\" must have one row of %d values per id",
						HA_TWIN_DIMS),
				 errdetail_plural("Argument \"ids\" has %d element, argument \"coordinates\" %s.",
								  "Argument \"ids\" has %d elements, argument \"coordinates\" %s.",
								  n, n, array_shape(a)),
				 errhint("Give a two-dimensional array, n rows of labour, convictions, education, income and non-Western, as array_agg() of twin_coordinates() gives.")));
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &values, &nulls, &count);
	out = palloc(sizeof(double) * (count > 0 ? count : 1));
	for (i = 0; i < count; i++)
	{
		double		v = nulls[i] ? NAN : DatumGetFloat8(values[i]);

		if (!nulls[i] && (isnan(v) || isinf(v)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid value \"%s\" in argument \"coordinates\"",
							isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity")),
					 errdetail("Row %d, value %d: a coordinate must be finite.",
							   i / HA_TWIN_DIMS + 1, i % HA_TWIN_DIMS + 1),
					 errhint("An unknown value is NULL.")));
		out[i] = v;
	}
	pfree(values);
	pfree(nulls);
	return out;
}

PG_FUNCTION_INFO_V1(ha_nearest_twins_sql);
/* nearest_twins(ids, coordinates, exclude_area, exclude_twin, k, min_common). */
Datum
ha_nearest_twins_sql(PG_FUNCTION_ARGS)
{
	int32		k = PG_GETARG_INT32(4);
	int32		min_common = PG_GETARG_INT32(5);
	ReturnSetInfo *rsinfo;
	int32	   *ids;
	int32	   *ea;
	int32	   *eb;
	double	   *x;
	int			n;
	int			nea;
	int			neb;
	size_t		work_size;
	void	   *work;
	HaTwinSet	set;
	HaTwin	   *twins;
	HaTwinsStatus st;
	int64		detail;
	int			i;

	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value \"%d\" for argument \"k\"", k),
				 errdetail("The number of twins must be 1 or more.")));
	if (min_common < 1 || min_common > HA_TWIN_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value \"%d\" for argument \"min_common\"", min_common),
				 errdetail("twins() compares %d criteria: the value must be from 1 to %d.",
						   HA_TWIN_DIMS, HA_TWIN_DIMS)));
	ids = int_elements(PG_GETARG_ARRAYTYPE_P(0), "ids", &n);
	x = coordinate_elements(PG_GETARG_ARRAYTYPE_P(1), n);
	ea = int_elements(PG_GETARG_ARRAYTYPE_P(2), "exclude_area", &nea);
	eb = int_elements(PG_GETARG_ARRAYTYPE_P(3), "exclude_twin", &neb);
	if (nea != neb)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("arguments \"exclude_area\" and \"exclude_twin\" must have the same length"),
				 errdetail_plural("Argument \"exclude_area\" has %d element, argument \"exclude_twin\" has %d.",
								  "Argument \"exclude_area\" has %d elements, argument \"exclude_twin\" has %d.",
								  nea, nea, neb)));
	work_size = ha_twins_work_size(n, nea);
	if (!AllocSizeIsValid(work_size))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many records for nearest_twins()"),
				 errdetail_plural("The search of %d record would need %zu bytes of memory; the limit is %zu.",
								  "The search of %d records would need %zu bytes of memory; the limit is %zu.",
								  n, n, work_size, (size_t) MaxAllocSize)));
	work = palloc(work_size);
	st = ha_twins_build(&set, work, n, ids, x, nea, ea, eb, min_common, &detail);
	if (st == HA_TWINS_DUPLICATE_ID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("duplicate value \"%d\" in argument \"ids\"", (int) detail),
				 errdetail("Each record of a list year must have its own id.")));
	if (st != HA_TWINS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value in argument \"coordinates\""),
				 errdetail("Row %d has an infinite coordinate.", (int) detail + 1)));
	/* at most n - 1 twins each */
	if (k > n)
		k = n > 0 ? n : 1;
	twins = palloc(sizeof(HaTwin) * k);

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (i = 0; i < n; i++)
	{
		int			count;
		int			r;

		CHECK_FOR_INTERRUPTS();
		st = ha_twins_of(&set, i, k, twins, &count);
		if (st == HA_TWINS_OVERFLOW)
			float_overflow_error();
		if (st == HA_TWINS_UNDERFLOW)
			float_underflow_error();
		for (r = 0; r < count; r++)
		{
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};

			values[0] = Int32GetDatum(ids[i]);
			values[1] = Int32GetDatum(r + 1);
			values[2] = Int32GetDatum(twins[r].id);
			values[3] = Float8GetDatum(twins[r].distance);
			values[4] = Int32GetDatum(twins[r].common);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	pfree(work);
	pfree(twins);
	return (Datum) 0;
}
